import CoordinationCore
import Foundation
import PostgresNIO

extension TaskStore {
    /// Stores the task `draft`, due at `dueAt` in `jurisdiction`, made by `caller` at `now` on
    /// `connection`, in the caller's transaction: the task, its departments, its `created`
    /// history entry saying `origin`, its audit entry (after `head`, read with the chain's lock
    /// held; it becomes the new head) and a notice to every department on it. The caller has
    /// checked the draft and its departments.
    static func insert(
        _ draft: TaskDraft, dueAt: Date, jurisdiction: String, origin: String, by caller: Caller, at now: Date,
        after head: inout AuditChain.Entry?, on connection: PostgresConnection, logger: Logger
    ) async throws -> UUID {
        var decisionID: UUID?
        var planID: UUID?
        var phase: String?
        var recordID: UUID?
        switch draft.source {
        case .decision(let id): decisionID = id
        case .workPlanPhase(let plan, let p): (planID, phase) = (plan, p.rawValue)
        case .record(let id): recordID = id
        }
        let rows = try await connection.query(
            """
            INSERT INTO coord.task (title, description, lead_department, priority, jurisdiction_code, due_at,
                                    decision_id, work_plan_id, work_plan_phase, source_record_id, created_by, created_at)
            VALUES (\(draft.title.trimmingCharacters(in: .whitespacesAndNewlines)), \(draft.description),
                    \(draft.leadDepartment), \(draft.priority.rawValue), \(jurisdiction), \(dueAt),
                    \(decisionID), \(planID), \(phase), \(recordID), \(caller.name), \(now))
            RETURNING id
            """, logger: logger)
        var inserted: UUID?
        for try await id in rows.decode(UUID.self) { inserted = id }
        guard let id = inserted else { throw CoordinationError(code: .internalError, message: "the task was not stored") }
        for (code, role) in draft.departments {
            try await connection.query(
                """
                INSERT INTO coord.task_department (task_id, department_code, role)
                VALUES (\(id), \(code), \(role.rawValue))
                """, logger: logger)
        }
        try await insertEvent(.created, task: id, by: caller, detail: origin, at: now, on: connection, logger: logger)
        head = try await AuditLog.append(
            auditEvent(.created, task: id, by: caller, detail: origin, at: now), after: head, on: connection, logger: logger)
        try await NoticeOutbox.post(
            draft.departments.map { code, role in
                NoticeDraft(
                    to: code, kind: .taskAssigned, subject: Self.subject(id),
                    title: "Task assigned (\(role.rawValue)): \(draft.title)",
                    detail: "due \(Self.day(dueAt)); priority \(draft.priority.rawValue); \(origin)")
            }, at: now, on: connection, logger: logger)
        return id
    }
}
