import CoordinationCore
import PostgresNIO

/// A break-the-glass read, logged for review in `coord.emergency_access` next to its audit entry.
public struct EmergencyAccess: Sendable, Hashable {
    public var caller: Caller
    public var justification: String
    public var recordIDs: [String]

    public init(caller: Caller, justification: String, recordIDs: [String]) {
        self.caller = caller
        self.justification = justification
        self.recordIDs = recordIDs
    }

    /// Logs the access, audited as entry `auditSequence`, for its department (row-level
    /// security admits only the caller's own department's accesses).
    func log(auditSequence: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await AccessScope(writer: caller).apply(on: connection, logger: logger)
        try await connection.query(
            """
            INSERT INTO coord.emergency_access (audit_seq, caller_name, caller_department, justification, record_ids)
            VALUES (\(auditSequence), \(caller.name), \(caller.departmentCode), \(justification), \(recordIDs))
            """, logger: logger)
    }
}
