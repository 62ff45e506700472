import CoordinationCore
import PostgresNIO

/// Who a transaction runs for. Row-level security reads these settings, so the database
/// itself confines every query to what the caller's department may see: a transaction with
/// no scope sees no one's personal data.
public struct AccessScope: Sendable, Hashable {
    /// The department the transaction acts for; empty for the server's own work.
    public var department: String
    public var purpose: String?
    public var legalBasis: String?
    /// Under active-referral: the referral whose linked records may be read.
    public var referral: String?
    /// The reader follows all coordination work (``Reader/oversees``).
    public var oversees = false
    /// The server's own work: deadline sweeps and the audit chain's verification.
    public var server = false

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

    /// A scope for `reader`: its department, and everything it oversees.
    public init(_ reader: Reader) {
        department = reader.department
        oversees = reader.oversees
    }

    private init(server: Bool) {
        department = ""
        self.server = server
    }

    /// The server's own work, for no department: sweeps that escalate what nobody answered,
    /// and reading the whole audit chain to verify it.
    public static let server = AccessScope(server: true)

    /// Sets the scope for the rest of the current transaction.
    func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            SELECT set_config('coord.department', \(department), true),
                   set_config('coord.purpose', \(purpose ?? ""), true),
                   set_config('coord.legal_basis', \(legalBasis ?? ""), true),
                   set_config('coord.referral', \(referral ?? ""), true),
                   set_config('coord.oversee', \(oversees ? "on" : ""), true),
                   set_config('coord.server', \(server ? "on" : ""), true)
            """, logger: logger)
    }
}

extension Database {
    /// Runs `body` in one transaction confined to `scope`.
    public func transaction<Result: Sendable>(
        scope: AccessScope, timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await transaction(timeout: timeout) { [logger] connection in
            try await scope.apply(on: connection, logger: logger)
            return try await body(connection)
        }
    }
}
