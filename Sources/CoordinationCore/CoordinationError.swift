/// An error a caller can act on. Converted to a gRPC status once, at the server's edge.
///
/// Messages never carry personal data: they name fields, permissions and codes only.
public struct CoordinationError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; maps one-to-one onto a gRPC status code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case invalidArgument, notFound, alreadyExists, permissionDenied
            case unauthenticated, failedPrecondition, aborted, unavailable, internalError
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The input is malformed; the message names the field.
        public static let invalidArgument = Code(.invalidArgument)
        /// The named entity does not exist.
        public static let notFound = Code(.notFound)
        /// An entity with the same key exists.
        public static let alreadyExists = Code(.alreadyExists)
        /// The caller is known but lacks a permission; the message names it.
        public static let permissionDenied = Code(.permissionDenied)
        /// The caller could not be identified.
        public static let unauthenticated = Code(.unauthenticated)
        /// The system is not in the state the operation needs.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// The operation collided with a concurrent one and was rolled back; retrying it may
        /// succeed.
        public static let aborted = Code(.aborted)
        /// A dependency (the database) is unreachable; retrying later may succeed.
        public static let unavailable = Code(.unavailable)
        /// A fault of the server.
        public static let internalError = Code(.internalError)

        public var description: String { String(describing: wrapped) }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, for a person to act on, in the reader's language at the edge.
    public var message: Localized
    /// A field that failed validation, and what is wrong with it.
    public struct Violation: Sendable, Hashable {
        /// The field's path, e.g. `"department.code"` or `"record.risk_level"`.
        public var field: String
        public var description: Localized

        public init(field: String, description: Localized) {
            self.field = field
            self.description = description
        }
    }

    /// For `invalidArgument`: every field at fault.
    public var violations: [Violation]

    /// For `invalidArgument`: the first field at fault.
    public var field: String? { violations.first?.field }
    /// The underlying error, never shown to callers.
    public var cause: (any Error)?

    public init(code: Code, message: Localized, violations: [Violation] = [], cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.violations = violations
        self.cause = cause
    }

    public var description: String { "\(code): \(message)" }

    /// A field failed validation.
    public static func invalidArgument(field: String, _ problem: Localized) -> Self {
        Self(code: .invalidArgument, message: "\(field): \(problem)",
             violations: [Violation(field: field, description: problem)])
    }

    /// Several fields failed validation; the message lists them all.
    public static func invalidArguments(_ violations: [Violation]) -> Self {
        Self(code: .invalidArgument,
             message: Localized.joined(violations.map { "\($0.field): \($0.description)" }, separator: "; "),
             violations: violations)
    }

    /// The caller lacks `permission`.
    public static func permissionDenied(_ permission: Permission, caller: Caller) -> Self {
        Self(
            code: .permissionDenied,
            message: "\(caller.summary) lacks the permission '\(permission.rawValue)'"
        )
    }
}
