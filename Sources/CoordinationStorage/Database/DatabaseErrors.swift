import CoordinationCore
import PostgresNIO

/// Turns database failures into ``CoordinationError``s, without leaking query text or data.
public enum DatabaseErrors {
    /// SQLSTATE values the stores react to.
    public enum SQLState {
        public static let uniqueViolation = "23505"
        public static let foreignKeyViolation = "23503"
        public static let insufficientPrivilege = "42501"
    }

    /// The SQLSTATE of a server error, if `error` is one.
    public static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Maps any error thrown by a database operation.
    public static func map(_ error: any Error) -> CoordinationError {
        if let error = error as? CoordinationError { return error }
        if error is CancellationError {
            return CoordinationError(code: .unavailable, message: "the operation was cancelled", cause: error)
        }
        guard let psql = error as? PSQLError else {
            // Pool errors (circuit breaker, shutdown) mean the database cannot be reached.
            return CoordinationError(
                code: .unavailable, message: "the database is unavailable; try again shortly", cause: error)
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            // Class 08 (connection), 53 (resources), 57 (operator intervention, e.g. shutdown).
            if state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57") {
                return CoordinationError(
                    code: .unavailable, message: "the database is unavailable; try again shortly", cause: error)
            }
            // 25006 (read-only transaction): the host is a standby — a failover is under way and the
            // server moves to the new primary within seconds (``PrimaryLocator``).
            if state == "25006" {
                return CoordinationError(
                    code: .unavailable, message: "the database is read-only (a standby); try again shortly", cause: error)
            }
            // Class 40 (transaction rollback: a serialization failure or a deadlock): the
            // operation met a concurrent one and was rolled back whole; it can be sent again.
            if state.hasPrefix("40") {
                return CoordinationError(
                    code: .aborted,
                    message: "the operation met a concurrent change and was rolled back (SQLSTATE \(state)); send it again",
                    cause: error)
            }
            // Class 22 (data exception: a value out of range, a NUL byte, bad encoding) and 54
            // (program limit exceeded: a value too large to index): what a request sent cannot
            // be stored. The request limits refuse such values first; this is the backstop.
            if state.hasPrefix("22") || state.hasPrefix("54") {
                return CoordinationError(
                    code: .invalidArgument,
                    message: "a value in the request cannot be stored (SQLSTATE \(state)); check lengths, ranges and characters",
                    cause: error)
            }
            return CoordinationError(
                code: .internalError, message: "the database refused the operation (SQLSTATE \(state))", cause: error)
        case .queryCancelled:
            return CoordinationError(code: .unavailable, message: "the database operation was cancelled", cause: error)
        default:
            return CoordinationError(
                code: .unavailable, message: "the database is unavailable; try again shortly", cause: error)
        }
    }
}
