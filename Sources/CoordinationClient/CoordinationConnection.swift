import GRPCCore
import GRPCNIOTransportHTTP2

/// Opens a gRPC client to a coordination server over mutual TLS.
public enum CoordinationConnection {
    /// The transport for `host:port` presenting `credentials`. The server certificate is fully
    /// verified (chain and host name) against `credentials.caPath`.
    public static func transport(
        host: String, port: Int, credentials: ClientCredentials
    ) throws -> HTTP2ClientTransport.Posix {
        try HTTP2ClientTransport.Posix(
            target: .dns(host: host, port: port),
            transportSecurity: .mTLS(
                certificateChain: [.file(path: credentials.certificatePath, format: .pem)],
                privateKey: .file(path: credentials.keyPath, format: .pem)
            ) { tls in
                tls.trustRoots = .certificates([.file(path: credentials.caPath, format: .pem)])
            })
    }

    /// Runs `body` with a connected client, closing it afterwards.
    public static func withClient<Result: Sendable>(
        host: String, port: Int, credentials: ClientCredentials,
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withGRPCClient(transport: try transport(host: host, port: port, credentials: credentials)) { client in
            try await body(client)
        }
    }
}
