import CoordinationCore
import Foundation
import PostgresNIO

/// Reads the notices addressed to a department.
public struct NoticeStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Up to `limit` notices to `caller`'s department after sequence `after`, oldest first,
    /// optionally of one kind.
    public func notices(
        to caller: Caller, kind: NoticeKind? = nil, after: Int64, limit: Int
    ) async throws(CoordinationError) -> [Notice] {
        let department = caller.departmentCode
        return try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT id, seq, department_code, kind, subject, title, detail, texts::text, posted_at FROM coord.notice
                WHERE department_code = \(department) AND seq > \(after)
                  AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue))
                ORDER BY seq LIMIT \(limit)
                """, logger: logger)
            var notices: [Notice] = []
            for try await (id, seq, department, kind, subject, title, detail, texts, postedAt) in rows.decode(
                (UUID, Int64, String, String, String, String, String, String?, Date).self)
            {
                // Notices posted before their texts were kept read in English.
                let stored = texts.flatMap { try? JSONDecoder().decode(NoticeTexts.self, from: Data($0.utf8)) }
                notices.append(Notice(
                    id: id.uuidString.lowercased(), sequence: seq, departmentCode: department,
                    kind: NoticeKind(rawValue: kind), subject: subject,
                    title: stored?.title ?? Localized(verbatim: title), detail: stored?.detail ?? Localized(verbatim: detail),
                    postedAt: postedAt))
            }
            return notices
        }
    }
}
