import CoordinationCore
import Foundation
import PostgresNIO

/// The review queue of emergency ("break the glass") accesses.
public struct EmergencyReviewStore: Sendable {
    /// One emergency access and its review, if any.
    public struct Access: Sendable, Hashable {
        public var auditSequence: Int64
        public var callerName: String
        public var callerDepartment: String
        public var justification: String
        public var recordIDs: [String]
        public var accessedAt: Date
        public var reviewedBy: String?
        public var reviewedAt: Date?
        public var reviewNote: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Accesses, unreviewed first, then newest first.
    public func list(openOnly: Bool) async throws(CoordinationError) -> [Access] {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT audit_seq, caller_name, caller_department, justification, record_ids, accessed_at,
                       reviewed_by, reviewed_at, review_note
                FROM coord.emergency_access
                WHERE NOT \(openOnly) OR reviewed_at IS NULL
                ORDER BY reviewed_at IS NOT NULL, accessed_at DESC
                """, logger: logger)
            var result: [Access] = []
            for try await row in rows.decode((Int64, String, String, String, [String], Date, String?, Date?, String?).self) {
                result.append(Access(
                    auditSequence: row.0, callerName: row.1, callerDepartment: row.2, justification: row.3,
                    recordIDs: row.4, accessedAt: row.5, reviewedBy: row.6, reviewedAt: row.7, reviewNote: row.8))
            }
            return result
        }
    }

    /// Closes the access logged at `auditSequence` with `note`, audited as `reviewer`; the
    /// person who made the access may not close it (``EmergencyReviewRules``).
    public func close(auditSequence: Int64, note: String, reviewer: Caller) async throws(CoordinationError) -> Access {
        try await database.transaction { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT caller_name, caller_department, reviewed_by
                FROM coord.emergency_access WHERE audit_seq = \(auditSequence) FOR UPDATE
                """, logger: logger)
            var found: (String, String, String?)?
            for try await row in rows.decode((String, String, String?).self) { found = row }
            guard let (callerName, callerDepartment, reviewedBy) = found else {
                throw CoordinationError(code: .notFound, message: "no emergency access is logged at audit entry \(auditSequence)")
            }
            try EmergencyReviewRules.checkSeparation(madeBy: callerName, of: callerDepartment, reviewer: reviewer)
            if let reviewedBy {
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: "the emergency access at audit entry \(auditSequence) was already reviewed by \(reviewedBy)")
            }
            try await connection.query(
                """
                UPDATE coord.emergency_access
                SET reviewed_by = \(reviewer.name), reviewed_at = now(), review_note = \(note)
                WHERE audit_seq = \(auditSequence)
                """, logger: logger)
            try await AuditLog.append(
                AuditEvent(caller: reviewer, action: "emergency.review", detail: "audit entry \(auditSequence): \(note)"),
                on: connection, logger: logger)
        }
        guard let access = try await list(openOnly: false).first(where: { $0.auditSequence == auditSequence }) else {
            throw CoordinationError(code: .notFound, message: "no emergency access is logged at audit entry \(auditSequence)")
        }
        return access
    }
}
