import CoordinationCore
import GRPCCore
import GRPCProtobuf

/// The one conversion of domain errors into gRPC statuses. An invalid field also travels as a
/// `google.rpc.BadRequest` field violation in the status details; at most
/// ``maximumReportedViolations`` are sent, the message saying how many more there were.
extension CoordinationError: RPCErrorConvertible {
    /// The most field violations one status carries.
    static let maximumReportedViolations = 20

    public var rpcErrorCode: RPCError.Code {
        switch code {
        case .invalidArgument: return .invalidArgument
        case .notFound: return .notFound
        case .alreadyExists: return .alreadyExists
        case .permissionDenied: return .permissionDenied
        case .unauthenticated: return .unauthenticated
        case .failedPrecondition: return .failedPrecondition
        case .aborted: return .aborted
        case .unavailable: return .unavailable
        default: return .internalError
        }
    }

    public var rpcErrorMessage: String {
        guard violations.count > Self.maximumReportedViolations else { return message }
        let shown = violations.prefix(Self.maximumReportedViolations).map { "\($0.field): \($0.description)" }
        return shown.joined(separator: "; ") + "; and \(violations.count - shown.count) more"
    }

    public var rpcErrorMetadata: Metadata {
        guard !violations.isEmpty else { return [:] }
        let status = GoogleRPCStatus(
            code: rpcErrorCode, message: rpcErrorMessage,
            details: [.badRequest(violations: violations.prefix(Self.maximumReportedViolations).map {
                .init(field: $0.field, description: $0.description)
            })])
        return status.rpcErrorMetadata
    }
}
