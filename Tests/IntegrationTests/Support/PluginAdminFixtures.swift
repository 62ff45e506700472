import CoordinationAPI
import CoordinationClient
import GRPCCore
import GRPCNIOTransportHTTP2

/// Installing plugins through the API, as an administrator does.
extension TestServer {
    /// Plugin calls as `credentials`.
    func plugins<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Plugins_PluginService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Plugins_PluginService.Client(wrapping: $0)) }
    }

    /// Installs the plugins of the server's catalog named in `ids` (all by default) as the
    /// administrator, at the version the server lists.
    func installPlugins(_ ids: [String]? = nil) async throws {
        try await plugins(try pki.admin) { client in
            for plugin in try await client.listPlugins(.init()).plugins where ids?.contains(plugin.id) ?? true {
                _ = try await client.installPlugin(.with {
                    $0.pluginID = plugin.id
                    $0.version = plugin.version
                })
            }
        }
    }
}
