import CoordinationCore
import PostgresNIO

/// Who a transaction runs for. Row-level security reads these settings, so the database
/// itself confines every query to what the caller's department may see.
public struct AccessScope: Sendable, Hashable {
    public var department: String
    public var purpose: String?
    public var legalBasis: String?
    /// Under active-referral: the referral whose linked records may be read.
    public var referral: String?

    /// A scope for writing as `caller`'s department.
    public init(writer caller: Caller) {
        department = caller.departmentCode
    }

    /// A scope for reading under `context`.
    public init(reader context: ReadContext) {
        department = context.caller.departmentCode
        purpose = context.purpose.rawValue
        legalBasis = context.legalBasis.rawValue
        referral = context.referralID?.uuidString.lowercased()
    }

    /// Sets the scope for the rest of the current transaction.
    func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            SELECT set_config('coord.department', \(department), true),
                   set_config('coord.purpose', \(purpose ?? ""), true),
                   set_config('coord.legal_basis', \(legalBasis ?? ""), true),
                   set_config('coord.referral', \(referral ?? ""), true)
            """, logger: logger)
    }
}

extension Database {
    /// Runs `body` in one transaction confined to `scope`.
    public func transaction<Result: Sendable>(
        scope: AccessScope, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await transaction { [logger] connection in
            try await scope.apply(on: connection, logger: logger)
            return try await body(connection)
        }
    }
}
