import CoordinationCore
import GRPCCore
import GRPCProtobuf

/// The one conversion of domain errors into gRPC statuses. An invalid field also travels as a
/// `google.rpc.BadRequest` field violation in the status details.
extension CoordinationError: RPCErrorConvertible {
    public var rpcErrorCode: RPCError.Code {
        switch code {
        case .invalidArgument: return .invalidArgument
        case .notFound: return .notFound
        case .alreadyExists: return .alreadyExists
        case .permissionDenied: return .permissionDenied
        case .unauthenticated: return .unauthenticated
        case .failedPrecondition: return .failedPrecondition
        case .unavailable: return .unavailable
        default: return .internalError
        }
    }

    public var rpcErrorMessage: String { message }

    public var rpcErrorMetadata: Metadata {
        guard !violations.isEmpty else { return [:] }
        let status = GoogleRPCStatus(
            code: rpcErrorCode, message: message,
            details: [.badRequest(violations: violations.map { .init(field: $0.field, description: $0.description) })])
        return status.rpcErrorMetadata
    }
}
