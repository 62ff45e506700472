import CoordinationCore
import Foundation
import PostgresNIO

/// Posts notices inside the transaction of the change they report, so a notice exists
/// exactly when its change was committed, and wakes every instance's notice streams.
public enum NoticeOutbox {
    /// Serialises posting so sequence numbers become visible in order: a stream that has read
    /// up to sequence N never later finds a smaller one committed.
    static let lockKey: Int64 = 0x636F_6F72_645F_6E6F  // "coord_no"

    /// Posts `drafts` at `date` in the caller's transaction. A draft whose ``NoticeDraft/onceKey``
    /// was posted before is skipped. Returns how many were posted.
    @discardableResult
    public static func post(
        _ drafts: [NoticeDraft], at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        guard !drafts.isEmpty else { return 0 }
        // Locks are taken in one order everywhere — the audit chain's, then the notices' — so
        // that a change that audits before it posts and one that posts before it audits never
        // wait on each other.
        try await AuditLog.lock(on: connection, logger: logger)
        try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
        var posted = 0
        for draft in drafts {
            let texts = try StoredText.json(NoticeTexts(title: draft.title, detail: draft.detail))
            let rows = try await connection.query(
                """
                SELECT coord.post_notice(\(draft.departmentCode), \(draft.kind.rawValue), \(draft.subject),
                                         \(draft.title.description), \(draft.detail.description), \(texts)::jsonb,
                                         \(draft.onceKey), \(date))
                """, logger: logger)
            for try await wasPosted in rows.decode(Bool.self) where wasPosted { posted += 1 }
        }
        if posted > 0 {
            try await connection.query("SELECT pg_notify(\(DatabaseWakeups.notices), '')", logger: logger)
        }
        return posted
    }
}

/// A notice's texts as stored in `coord.notice.texts`.
struct NoticeTexts: Codable {
    var title: Localized
    var detail: Localized
}
