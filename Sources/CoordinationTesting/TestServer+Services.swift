import CoordinationAPI
import CoordinationClient
import GRPCCore
import GRPCNIOTransportHTTP2

/// Clients of the services a plugin's tests call.
extension TestServer {
    /// Directory calls (departments and jurisdictions) as `credentials`.
    public func directory<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Directory_DirectoryService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Directory_DirectoryService.Client(wrapping: $0)) }
    }

    /// Sharing calls (publishing and reading records) as `credentials`.
    public func sharing<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Sharing_SharingService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Sharing_SharingService.Client(wrapping: $0)) }
    }

    /// Plugin calls (listing, installing, upgrading, uninstalling) as `credentials`.
    public func plugins<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Plugins_PluginService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Plugins_PluginService.Client(wrapping: $0)) }
    }
}
