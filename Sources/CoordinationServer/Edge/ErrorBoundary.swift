import CoordinationCore
import Foundation
import GRPCCore
import Logging

/// Whatever a call ends with leaves the server as a gRPC status a client can read. Domain
/// errors become their status once (``CoordinationError`` is `RPCErrorConvertible`); a status
/// is kept small enough for any client's header limits (a long message is shortened, oversized
/// details are dropped); and an error that is not a status — a fault of the server — is logged
/// with a reference and answered as INTERNAL with that reference only, never with the error's
/// text. ``CallBoundaryInterceptor`` applies it to every call.
struct ErrorBoundary: Sendable {
    let logger: Logger
    /// The longest status message sent, in characters.
    static let maximumMessageLength = 1_000
    /// The most bytes of status details (e.g. `google.rpc.BadRequest`) sent.
    static let maximumMetadataBytes = 8_192

    /// The status `error` leaves the server as, its message in `language`.
    func status(of error: any Error, method: String, language: Language) -> RPCError {
        var status: RPCError
        switch error {
        case let error as RPCError:
            status = (error.cause as? CoordinationError)?.rpcError(in: language) ?? error
        case let error as CoordinationError:
            status = error.rpcError(in: language)
        case let error as any RPCErrorConvertible:
            status = RPCError(error)
        case is CancellationError:
            status = RPCError(code: .cancelled, message: "the call was cancelled")
        default:
            let reference = UUID().uuidString.prefix(8).lowercased()
            logger.error(
                "call failed with an unexpected error",
                metadata: ["rpc": "\(method)", "reference": "\(reference)", "error": "\(String(reflecting: error))"])
            return RPCError(code: .internalError, message: "the server failed; its log names the fault as \(reference)")
        }
        if status.code == .internalError || status.code == .unknown {
            logger.error(
                "call failed", metadata: ["rpc": "\(method)", "status": "\(status)", "cause": "\(String(reflecting: status.cause))"])
        }
        if status.message.count > Self.maximumMessageLength {
            status.message = String(status.message.prefix(Self.maximumMessageLength)) + "…"
        }
        let metadataBytes = status.metadata.reduce(0) { size, entry in
            switch entry.value {
            case .string(let text): return size + entry.key.utf8.count + text.utf8.count
            case .binary(let bytes): return size + entry.key.utf8.count + bytes.count * 4 / 3
            }
        }
        if metadataBytes > Self.maximumMetadataBytes { status.metadata = [:] }
        return status
    }
}
