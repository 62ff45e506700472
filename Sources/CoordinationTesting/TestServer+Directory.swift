import CoordinationStorage
import DevEnvironment

/// The directory and plugins a deployment starts with, as dev mode sets them up.
extension TestServer {
    /// Registers the dev departments and county tree (as the schema owner) and, unless told
    /// otherwise, installs every plugin of the server's catalog (as the administrator), as dev
    /// mode does.
    public func seedDirectory(installingPlugins: Bool = true) async throws {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            try await DevEnvironment.seed(DirectoryStore(database: Database(client: client, logger: TestLog.logger)))
        }
        if installingPlugins { try await installPlugins() }
    }

    /// Installs the plugins of the server's catalog named in `ids` (all by default) as the
    /// administrator, at the version the server lists.
    public func installPlugins(_ ids: [String]? = nil) async throws {
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
