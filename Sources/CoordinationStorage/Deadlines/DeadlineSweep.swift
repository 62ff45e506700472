import CoordinationCore
import Foundation
import PostgresNIO

/// The one way deadlines are climbed: in one transaction in the server's own scope, the due
/// items are read locked (and skipped if another instance holds them), every item's ladder
/// gives the rungs reached, all new levels are stored in one statement, each rung writes its
/// history and audit entry, and the rungs' notices are posted once each (their once-keys make
/// a second instance's post a no-op). A feature supplies only what differs: what is due, how
/// levels are stored, and what a rung writes.
struct DeadlineSweep<Item: Sendable>: Sendable {
    /// An item whose deadline has passed, with the level it has reached and its ladder.
    struct Due: Sendable {
        var item: Item
        var deadline: Date
        var reached: Int
        var ladder: DeadlineLadder
    }

    /// What reaching a rung writes besides the level: its audit entry and its notices.
    struct Reached: Sendable {
        var audit: AuditEvent
        var notices: [NoticeDraft]
    }

    /// At most `limit` items due at `now`, locked `FOR UPDATE SKIP LOCKED`.
    var due: @Sendable (_ now: Date, _ limit: Int, PostgresConnection, Logger) async throws -> [Due]
    /// Stores every item's new level, in one statement.
    var storeLevels: @Sendable ([(item: Item, level: Int16)], PostgresConnection, Logger) async throws -> Void
    /// Writes what reaching `rung` adds to the item's history, and says its audit entry and notices.
    var reach: @Sendable (Item, DeadlineLadder.Rung, _ now: Date, PostgresConnection, Logger) async throws -> Reached

    /// Stores levels in `table` (a constant name, e.g. `coord.task`) whose key is the `id` column,
    /// item `id(item)`.
    static func levels(
        in table: String, id: @escaping @Sendable (Item) -> UUID
    ) -> @Sendable ([(item: Item, level: Int16)], PostgresConnection, Logger) async throws -> Void {
        { levels, connection, logger in
            try await connection.query(
                """
                UPDATE \(unescaped: table) x SET escalation_level = v.level
                FROM unnest(\(levels.map { id($0.item) })::uuid[], \(levels.map(\.level))::int2[]) AS v(id, level)
                WHERE x.id = v.id
                """, logger: logger)
        }
    }

    /// Climbs every due item's ladder at `now`; returns how many notices were posted.
    func run(in database: Database, at now: Date, limit: Int) async throws(CoordinationError) -> Int {
        try await database.transaction(scope: .server) { [logger = database.logger] connection in
            var levels: [(item: Item, level: Int16)] = []
            var climbs: [(Item, [DeadlineLadder.Rung])] = []
            for due in try await due(now, limit, connection, logger) {
                let steps = due.ladder.steps(deadline: due.deadline, now: now, reached: due.reached)
                guard let top = steps.last else { continue }
                levels.append((due.item, Int16(top.level)))
                climbs.append((due.item, steps))
            }
            guard !levels.isEmpty else { return 0 }
            try await storeLevels(levels, connection, logger)
            let notices = try await AuditLog.appending(on: connection, logger: logger) { audit in
                var notices: [NoticeDraft] = []
                for (item, steps) in climbs {
                    for rung in steps {
                        let reached = try await reach(item, rung, now, connection, logger)
                        audit.append(reached.audit)
                        notices += reached.notices
                    }
                }
                return notices
            }
            return try await NoticeOutbox.post(notices, at: now, on: connection, logger: logger)
        }
    }
}
