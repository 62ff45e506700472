import CoordinationCore
import GRPCCore
import GRPCProtobuf

/// The one conversion of domain errors into gRPC statuses, in the caller's language (English
/// unless its `accept-language` says zh-CN, see ``CallerLanguage``). An invalid field also
/// travels as a `google.rpc.BadRequest` field violation in the status details; at most
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

    public var rpcErrorMessage: String { localizedMessage(in: .en) }

    public var rpcErrorMetadata: Metadata { metadata(in: .en) }

    /// The status in `language`.
    func rpcError(in language: Language) -> RPCError {
        RPCError(code: rpcErrorCode, message: localizedMessage(in: language), metadata: metadata(in: language), cause: cause)
    }

    private func localizedMessage(in language: Language) -> String {
        let catalog = ServerMessages.catalog(language)
        guard violations.count > Self.maximumReportedViolations else { return message.resolved(in: catalog) }
        let shown: [Localized] = violations.prefix(Self.maximumReportedViolations).map { "\($0.field): \($0.description)" }
        let more = violations.count - shown.count
        let text: Localized = "\(Localized.joined(shown, separator: "; "))\("; " as Localized)\("and \(more) more" as Localized)"
        return text.resolved(in: catalog)
    }

    private func metadata(in language: Language) -> Metadata {
        guard !violations.isEmpty else { return [:] }
        let catalog = ServerMessages.catalog(language)
        let status = GoogleRPCStatus(
            code: rpcErrorCode, message: localizedMessage(in: language),
            details: [.badRequest(violations: violations.prefix(Self.maximumReportedViolations).map {
                .init(field: $0.field, description: $0.description.resolved(in: catalog))
            })])
        return status.rpcErrorMetadata
    }
}
