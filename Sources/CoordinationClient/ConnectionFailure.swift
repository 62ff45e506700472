import CoordinationCore
import Foundation
import GRPCCore
import NIOCore
import NIOSSL

/// Why a client could not reach a coordination server — refused, unreachable, a name that does
/// not resolve, or a failed TLS check — said so that a person knows what to fix.
public enum ConnectionFailure {
    /// A sentence for `error` if it is a failure to connect to `host:port`, to be shown in the
    /// reader's language; `nil` for any other error (the server's own answer).
    public static func explain(_ error: RPCError, host: String, port: Int) -> Localized? {
        guard error.code == .unavailable else { return nil }
        let chain = causes(of: error)
        let text = chain.map { String(reflecting: $0) }.joined(separator: " ")
        let address = "\(host):\(port)"
        if let errno = chain.lazy.compactMap({ ($0 as? IOError)?.errnoCode }).first {
            switch errno {
            case ECONNREFUSED:
                return "the connection to \(address) was refused: no server listens there (is it running, and is the port right?)"
            case ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN:
                return "\(address) is unreachable (\(String(cString: strerror(errno)))): check the address and the network"
            default:
                break
            }
        }
        if chain.contains(where: { ($0 as? ChannelError) == .connectTimeout(.zero) || "\($0)".contains("connectTimeout") }) {
            return "\(address) did not answer in time: check the address and the network"
        }
        if error.message.contains("resolve") || text.contains("Couldn't resolve") {
            return "the server name \(host) cannot be resolved: check --server (or COORD_SERVER)"
        }
        guard chain.contains(where: { $0 is NIOSSLError || $0 is NIOSSLExtraError || $0 is BoringSSLError }) else {
            return nil
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the TLS check failed: the server's certificate is not signed by the CA given (--ca or COORD_CA)"
        }
        if text.contains("failedToValidateHostname") || text.contains("hostname") {
            return "the TLS check failed: the server's certificate does not name \(host); connect by the name or address it was issued for"
        }
        if text.contains("ALERT") || text.contains("CERTIFICATE_REQUIRED") {
            return "the TLS check failed: the server refused this client certificate (not issued by its CA, expired or not yet valid)"
        }
        return "the TLS check with \(address) failed: \(error.message)"
    }

    /// Whether trying again later may succeed: the server is down, restarting or unreachable —
    /// not a failed TLS check or any answer of the server's other than UNAVAILABLE.
    public static func isTransient(_ error: RPCError) -> Bool {
        error.code == .unavailable
            && !causes(of: error).contains { $0 is NIOSSLError || $0 is NIOSSLExtraError || $0 is BoringSSLError }
    }

    /// `error` and every error under it.
    private static func causes(of error: any Error) -> [any Error] {
        var chain: [any Error] = [error]
        var next: (any Error)? = error
        while let current = next, chain.count < 10 {
            switch current {
            case let rpc as RPCError: next = rpc.cause
            case NIOSSLError.handshakeFailed(let underlying): next = underlying
            default: next = nil
            }
            if let next { chain.append(next) }
        }
        return chain
    }
}
