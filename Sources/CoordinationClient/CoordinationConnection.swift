import CoordinationCore
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Opens a gRPC client to a coordination server over mutual TLS.
public enum CoordinationConnection {
    /// The transport for `host:port` presenting `credentials`. The server certificate is fully
    /// verified (chain, and host name or IP address) against `credentials.caPath`. `host` may be
    /// a name, an IPv4 address or an IPv6 address (with or without brackets); an address is
    /// checked against the IP addresses the server certificate names.
    public static func transport(
        host: String, port: Int, credentials: ClientCredentials
    ) throws -> HTTP2ClientTransport.Posix {
        let security = HTTP2ClientTransport.Posix.TransportSecurity.mTLS(
            certificateChain: [.file(path: credentials.certificatePath, format: .pem)],
            privateKey: .file(path: credentials.keyPath, format: .pem)
        ) { tls in
            tls.trustRoots = .certificates([.file(path: credentials.caPath, format: .pem)])
        }
        // A name goes to DNS and into TLS SNI; an address cannot be sent as SNI, so it is
        // dialled directly and matched against the certificate's IP addresses.
        let unbracketed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if IPAddressText.isIPv4(unbracketed) {
            return try HTTP2ClientTransport.Posix(target: .ipv4(address: unbracketed, port: port), transportSecurity: security)
        }
        if IPAddressText.isIPv6(unbracketed) {
            return try HTTP2ClientTransport.Posix(target: .ipv6(address: unbracketed, port: port), transportSecurity: security)
        }
        return try HTTP2ClientTransport.Posix(target: .dns(host: host, port: port), transportSecurity: security)
    }

    /// Runs `body` with a connected client, closing it afterwards.
    public static func withClient<Result: Sendable>(
        host: String, port: Int, credentials: ClientCredentials, language: Language? = nil,
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let interceptors = language.map { [AcceptLanguage(language: $0)] } ?? []
        return try await withGRPCClient(
            transport: try transport(host: host, port: port, credentials: credentials), interceptors: interceptors
        ) { client in
            try await body(client)
        }
    }
}

/// Recognises IP address literals.
enum IPAddressText {
    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
