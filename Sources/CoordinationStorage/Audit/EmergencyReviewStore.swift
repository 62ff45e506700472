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

    /// Up to `limit` accesses, unreviewed first, then newest first, after the position `after`
    /// (from a previous page); and the position to read on after, when more follow.
    public func list(
        openOnly: Bool, after: Int64? = nil, limit: Int = 100, as reviewer: Caller
    ) async throws(CoordinationError) -> (accesses: [Access], next: Int64?) {
        try await database.transaction(scope: AccessScope(writer: reviewer)) { [logger = database.logger] connection in
            let page = try await Self.accesses(
                openOnly: openOnly, at: nil, after: after, limit: limit + 1, on: connection, logger: logger)
            guard page.count > limit else { return (page, nil) }
            return (Array(page.prefix(limit)), Self.position(of: page[limit - 1]))
        }
    }

    /// An access's place in the queue, descending: unreviewed accesses above every reviewed one,
    /// each group newest (highest audit sequence) first.
    private static func position(of access: Access) -> Int64 {
        access.reviewedAt == nil ? access.auditSequence + unreviewedOffset : access.auditSequence
    }

    private static let unreviewedOffset: Int64 = 1 << 52
    private static let positionSQL = "(CASE WHEN reviewed_at IS NULL THEN audit_seq + \(unreviewedOffset) ELSE audit_seq END)"

    /// The accesses made by departments within the reviewer's jurisdiction (the transaction's
    /// `coord.department`), open first; only the one at `sequence` if given.
    private static func accesses(
        openOnly: Bool, at sequence: Int64?, after: Int64? = nil, limit: Int = 1, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Access] {
        let rows = try await connection.query(
            """
            SELECT audit_seq, caller_name, caller_department, justification, record_ids, accessed_at,
                   reviewed_by, reviewed_at, review_note
            FROM coord.emergency_access
            WHERE (NOT \(openOnly) OR reviewed_at IS NULL)
              AND (\(sequence)::bigint IS NULL OR audit_seq = \(sequence))
              AND caller_department IN (SELECT coord.visible_departments())
              AND (\(after)::bigint IS NULL OR \(unescaped: positionSQL) < \(after))
            ORDER BY \(unescaped: positionSQL) DESC
            LIMIT \(limit)
            """, logger: logger)
        var result: [Access] = []
        for try await row in rows.decode((Int64, String, String, String, [String], Date, String?, Date?, String?).self) {
            result.append(Access(
                auditSequence: row.0, callerName: row.1, callerDepartment: row.2, justification: row.3,
                recordIDs: row.4, accessedAt: row.5, reviewedBy: row.6, reviewedAt: row.7, reviewNote: row.8))
        }
        return result
    }

    /// Closes the access logged at `auditSequence` with `note`, audited as `reviewer`; the
    /// person who made the access may not close it (``EmergencyReviewRules``).
    public func close(auditSequence: Int64, note: String, reviewer: Caller) async throws(CoordinationError) -> Access {
        try await database.transaction(scope: AccessScope(writer: reviewer)) { [logger = database.logger] connection in
            try await connection.query(
                "SELECT 1 FROM coord.emergency_access WHERE audit_seq = \(auditSequence) FOR UPDATE", logger: logger)
            guard let access = try await Self.accesses(openOnly: false, at: auditSequence, on: connection, logger: logger).first
            else {
                // Outside the reviewer's jurisdiction reads as absent.
                throw CoordinationError(code: .notFound, message: "no emergency access is logged at audit entry \(auditSequence)")
            }
            try EmergencyReviewRules.checkSeparation(madeBy: access.callerName, of: access.callerDepartment, reviewer: reviewer)
            if let reviewedBy = access.reviewedBy {
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: "the emergency access at audit entry \(auditSequence) was already reviewed by \(reviewedBy)")
            }
            let reviewedAt = try await connection.query(
                """
                UPDATE coord.emergency_access
                SET reviewed_by = \(reviewer.name), reviewed_at = now(), review_note = \(note)
                WHERE audit_seq = \(auditSequence)
                RETURNING reviewed_at
                """, logger: logger)
            var closed = access
            for try await at in reviewedAt.decode(Date.self) { closed.reviewedAt = at }
            closed.reviewedBy = reviewer.name
            closed.reviewNote = note
            try await AuditLog.append(
                AuditEvent(caller: reviewer, action: "emergency.review", detail: "audit entry \(auditSequence): \(note)"),
                on: connection, logger: logger)
            return closed
        }
    }
}
