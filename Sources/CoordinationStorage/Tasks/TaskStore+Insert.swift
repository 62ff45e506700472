import CoordinationCore
import Foundation
import PostgresNIO

extension TaskStore {
    /// Stores the task `draft`, due at `dueAt` in `jurisdiction`, made by `caller` at `now` on
    /// `connection`, in the caller's transaction: the task, its departments, its `created`
    /// history entry saying `origin`, its audit entry (on the chain's `audit` tail) and a notice to every department on it. The caller has
    /// checked the draft and its departments.
    static func insert(
        _ draft: TaskDraft, dueAt: Date, jurisdiction: String, origin: Localized, by caller: Caller, at now: Date,
        localTime: LocalTime, audit: inout AuditTail, on connection: PostgresConnection, logger: Logger
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
        // The id is chosen here: a department whose routing rule opens a task it is not on may
        // write the task but not read it back.
        let id = UUID()
        try await connection.query(
            """
            INSERT INTO coord.task (id, title, description, lead_department, priority, jurisdiction_code, due_at,
                                    decision_id, work_plan_id, work_plan_phase, source_record_id, created_by, created_at)
            VALUES (\(id), \(draft.title.trimmingCharacters(in: .whitespacesAndNewlines)), \(draft.description),
                    \(draft.leadDepartment), \(draft.priority.rawValue), \(jurisdiction), \(dueAt),
                    \(decisionID), \(planID), \(phase), \(recordID), \(caller.name), \(now))
            """, logger: logger)
        for (code, role) in draft.departments {
            try await connection.query(
                """
                INSERT INTO coord.task_department (task_id, department_code, role)
                VALUES (\(id), \(code), \(role.rawValue))
                """, logger: logger)
        }
        try await insertEvent(.created, task: id, by: caller, detail: origin, at: now, on: connection, logger: logger)
        audit.append(auditEvent(.created, task: id, by: caller, detail: origin.description, at: now))
        try await NoticeOutbox.post(
            draft.departments.map { code, role in
                NoticeDraft(
                    to: code, kind: .taskAssigned, subject: Self.subject(id),
                    title: "Task assigned (\(Localized(stringLiteral: role.rawValue))): \(draft.title)",
                    detail: "due \(localTime.day(dueAt)); priority \(Localized(stringLiteral: draft.priority.rawValue)); \(origin)")
            }, at: now, on: connection, logger: logger)
        return id
    }
}
