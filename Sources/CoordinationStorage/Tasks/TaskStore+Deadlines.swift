import CoordinationCore
import Foundation
import PostgresNIO

extension TaskStore {
    /// A task past its due date, as its ladder's rungs describe it.
    struct Overdue: Sendable {
        var id: UUID
        var title: String
        var leadDepartment: String
        var dueAt: Date
    }

    /// Climbs the ladder of every overdue task still being worked on (``DeadlineSweep``):
    /// a notice to the lead at the due date, to the office after the grace, each once, each in
    /// the task's history and the audit. Returns how many notices were posted.
    @discardableResult
    public func escalateOverdue(_ escalation: TaskEscalation, limit: Int = 200) async throws(CoordinationError) -> Int {
        let escalator = Caller(
            kind: .system, departmentCode: escalation.officeDepartment, name: "task-escalator", certificateSerial: "-")
        let sweep = DeadlineSweep<Overdue>(
            due: { now, limit, connection, logger in
                let rows = try await connection.query(
                    """
                    SELECT id, title, lead_department, due_at, status, escalation_level FROM coord.task
                    WHERE status = ANY(\(TaskStatus.active.map(\.rawValue))) AND due_at <= \(now)
                      AND escalation_level < \(Int16(TaskEscalation.topLevel))
                    ORDER BY due_at LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                    """, logger: logger)
                var due: [DeadlineSweep<Overdue>.Due] = []
                for try await (id, title, lead, dueAt, status, level) in rows.decode((UUID, String, String, Date, String, Int16).self) {
                    due.append(.init(
                        item: Overdue(id: id, title: title, leadDepartment: lead, dueAt: dueAt), deadline: dueAt, reached: Int(level),
                        ladder: escalation.ladder(status: TaskStatus(rawValue: status) ?? .open, leadDepartment: lead)))
                }
                return due
            },
            storeLevels: DeadlineSweep.levels(in: "coord.task") { $0.id },
            reach: { task, rung, now, connection, logger in
                let overdue = rung.level == 1
                let detail: Localized = overdue
                    ? "due \(localTime.day(task.dueAt)); led by \(task.leadDepartment)"
                    : "overdue since \(localTime.day(task.dueAt)) past the grace period; led by \(task.leadDepartment)"
                let kind: TaskDetail.Event.Kind = overdue ? .overdue : .escalated
                try await Self.insertEvent(
                    kind, task: task.id, by: escalator, byServer: true, detail: detail, at: now, on: connection, logger: logger)
                return .init(
                    audit: Self.auditEvent(kind, task: task.id, by: escalator, detail: detail.description, at: now),
                    notices: rung.recipients.map {
                        NoticeDraft(
                            to: $0, kind: rung.kind, subject: Self.subject(task.id),
                            title: overdue ? "Task overdue: \(task.title)" : "Task escalated to the office: \(task.title)",
                            detail: detail, onceKey: "task/\(task.id.lowercased)/escalation/\(rung.level)")
                    })
            })
        return try await sweep.run(in: database, at: clock.now(), limit: limit)
    }
}
