import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Tasks, their departments, progress reports and history. Every change is audited and its
/// notices posted in the change's own transaction; the lifecycle rules are ``TaskLifecycle``'s;
/// who sees a task is ``Disclosure``'s (`nil` reader: the server's own reads, for changes whose
/// rules check the caller).
public struct TaskStore: Sendable {
    /// Which tasks a listing returns.
    public struct Filter: Sendable, Hashable {
        /// Tasks this department leads or cooperates on.
        public var department: String?
        public var status: TaskStatus?
        /// Tasks still being worked on and past their due date.
        public var overdueOnly: Bool
        public var workPlanID: UUID?
        /// Only tasks after this one (the last of a previous page) in the listing's order.
        public var after: UUID?
        public var limit: Int

        public init(
            department: String? = nil, status: TaskStatus? = nil, overdueOnly: Bool = false, workPlanID: UUID? = nil,
            after: UUID? = nil, limit: Int = 100
        ) {
            self.department = department
            self.status = status
            self.overdueOnly = overdueOnly
            self.workPlanID = workPlanID
            self.after = after
            self.limit = limit
        }
    }

    let database: Database
    let clock: any CoordinationClock
    /// The zone of the times its notices and histories name.
    let localTime: LocalTime

    public init(database: Database, clock: any CoordinationClock, localTime: LocalTime = .county) {
        self.database = database
        self.clock = clock
        self.localTime = localTime
    }

    // MARK: Creating

    /// Creates a task from `draft` for `caller` (a coordinator) and tells its departments.
    public func create(_ draft: TaskDraft, by caller: Caller) async throws(CoordinationError) -> TaskSummary {
        try TaskRules.validate(draft)
        let now = clock.now()
        let id = try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let (dueAt, jurisdiction, origin) = try await Self.resolve(draft, on: connection, logger: logger)
            try await Self.requireDepartments(draft, on: connection, logger: logger)
            return try await AuditLog.appending(on: connection, logger: logger) { audit in
                try await Self.insert(
                    draft, dueAt: dueAt, jurisdiction: jurisdiction, origin: origin, by: caller, at: now,
                    localTime: localTime, audit: &audit, on: connection, logger: logger)
            }
        }
        return try await summary(id, as: Reader(caller))
    }

    /// The due date, jurisdiction and a line naming the origin, from the task's source.
    private static func resolve(
        _ draft: TaskDraft, on connection: PostgresConnection, logger: Logger
    ) async throws -> (Date, String, Localized) {
        var jurisdiction: String?
        let dueAt: Date
        let origin: Localized
        switch draft.source {
        case .decision(let id):
            let rows = try await connection.query(
                """
                SELECT d.status, m.jurisdiction_code FROM coord.meeting_decision d
                JOIN coord.meeting m ON m.id = d.meeting_id WHERE d.id = \(id)
                """, logger: logger)
            var found: (String, String)?
            for try await row in rows.decode((String, String).self) { found = row }
            guard let (status, meetingJurisdiction) = found else {
                throw CoordinationError.invalidArgument(field: "decision_id", "no meeting decision '\(id.lowercased)' exists")
            }
            guard status == "adopted" else {
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: status == "voting"
                        ? "decision \(id.lowercased) is still being voted on; only an adopted decision becomes tasks"
                        : "decision \(id.lowercased) is \(Localized(stringLiteral: status)); only an adopted decision becomes tasks")
            }
            jurisdiction = meetingJurisdiction
            dueAt = draft.dueAt!  // TaskRules requires it for a decision.
            origin = "from meeting decision \(id.lowercased)"
        case .workPlanPhase(let planID, let phase):
            let rows = try await connection.query(
                """
                SELECT w.title, w.jurisdiction_code, p.starts_at, p.ends_at FROM coord.work_plan w
                LEFT JOIN coord.work_plan_phase p ON p.work_plan_id = w.id AND p.phase = \(phase.rawValue)
                WHERE w.id = \(planID)
                """, logger: logger)
            var found: (String, String, Date?, Date?)?
            for try await row in rows.decode((String, String, Date?, Date?).self) { found = row }
            guard let (title, planJurisdiction, startsAt, endsAt) = found else {
                throw CoordinationError.invalidArgument(
                    field: "work_plan_phase.work_plan_id", "no work plan '\(planID.lowercased)' exists")
            }
            guard let startsAt, let endsAt else {
                throw CoordinationError.invalidArgument(
                    field: "work_plan_phase.phase", "the work plan has no \(phase.rawValue) phase")
            }
            jurisdiction = planJurisdiction
            dueAt = try TaskRules.dueDate(
                requested: draft.dueAt, in: PhaseSchedule(phase: phase, startsAt: startsAt, endsAt: endsAt))
            origin = "work plan '\(title)', \(Localized(stringLiteral: phase.rawValue)) phase"
        case .record:
            throw CoordinationError.invalidArgument(
                field: "source", "a task from a record is opened only by its record type's routing rule")
        }
        if let requested = draft.jurisdictionCode {
            let rows = try await connection.query(
                "SELECT 1 FROM coord.jurisdiction WHERE code = \(requested)", logger: logger)
            var exists = false
            for try await _ in rows { exists = true }
            guard exists else {
                throw CoordinationError.invalidArgument(field: "jurisdiction_code", "no jurisdiction '\(requested)' is registered")
            }
            jurisdiction = requested
        }
        return (dueAt, jurisdiction!, origin)
    }

    /// Throws `invalidArgument` naming every department of `draft` that is not registered.
    private static func requireDepartments(
        _ draft: TaskDraft, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let known = try await DirectoryStore.registered(draft.departments.map(\.code), on: connection, logger: logger)
        var violations: [CoordinationError.Violation] = []
        if !known.contains(draft.leadDepartment) {
            violations.append(.init(field: "lead_department", description: "no department '\(draft.leadDepartment)' is registered"))
        }
        for (index, code) in draft.cooperatingDepartments.enumerated() where !known.contains(code) {
            violations.append(.init(
                field: "cooperating_departments[\(index)]", description: "no department '\(code)' is registered"))
        }
        if !violations.isEmpty { throw CoordinationError.invalidArguments(violations) }
    }

    // MARK: Reading

    /// The task with `id` as `viewer` may see it; `notFound` if it does not exist or the
    /// viewer's department is not on it.
    public func summary(_ id: UUID, as viewer: Reader) async throws(CoordinationError) -> TaskSummary {
        try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            try await Self.load(id, as: viewer, lock: false, on: connection, logger: logger)
        }
    }

    /// The task with its departments' latest reports and its history.
    public func detail(_ id: UUID, as viewer: Reader) async throws(CoordinationError) -> TaskDetail {
        try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let task = try await Self.load(id, as: viewer, lock: false, on: connection, logger: logger)
            var progress: [TaskDetail.DepartmentProgress] = []
            let rows = try await connection.query(
                """
                SELECT d.department_code, d.role, p.status, p.percent, p.note, p.evidence_reference, p.reported_by, p.reported_at
                FROM coord.task_department d
                LEFT JOIN LATERAL (
                    SELECT * FROM coord.task_progress p
                    WHERE p.task_id = d.task_id AND p.department_code = d.department_code
                    ORDER BY p.seq DESC LIMIT 1
                ) p ON true
                WHERE d.task_id = \(id)
                ORDER BY d.role = 'cooperating', d.department_code
                """, logger: logger)
            for try await (code, role, status, percent, note, evidence, reportedBy, reportedAt) in rows.decode(
                (String, String, String?, Int16?, String?, String?, String?, Date?).self)
            {
                let report = status.flatMap(ProgressStatus.init(rawValue:)).map {
                    ProgressReport(status: $0, percent: Int(percent ?? 0), note: note ?? "", evidenceReference: evidence ?? "")
                }
                progress.append(.init(
                    departmentCode: code, role: TaskRole(rawValue: role) ?? .cooperating, report: report,
                    reportedBy: reportedBy, reportedAt: reportedAt))
            }
            var history: [TaskDetail.Event] = []
            let events = try await connection.query(
                """
                SELECT seq, kind, department_code, actor, detail, detail_text::text, reply_due_at, at FROM coord.task_event
                WHERE task_id = \(id) ORDER BY seq
                """, logger: logger)
            for try await (seq, kind, department, actor, detail, text, replyDueAt, at) in events.decode(
                (Int64, String, String?, String, String, String?, Date?, Date).self)
            {
                guard let kind = TaskDetail.Event.Kind(rawValue: kind) else { continue }
                history.append(.init(
                    sequence: seq, kind: kind, departmentCode: department, actor: actor,
                    detail: StoredText.text(text, english: detail), replyDueAt: replyDueAt, at: at))
            }
            return TaskDetail(task: task, progress: progress, history: history)
        }
    }

    /// Up to `filter.limit` tasks matching `filter` that `viewer` may see, soonest due first, and
    /// whether more follow.
    public func list(_ filter: Filter, as viewer: Reader) async throws(CoordinationError) -> (tasks: [TaskSummary], more: Bool) {
        let now = clock.now()
        return try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let active = TaskStatus.active.map(\.rawValue)
            let rows = try await connection.query(
                """
                \(unescaped: Self.selectTask)
                WHERE (\(viewer.confinedTo)::text IS NULL OR EXISTS (
                          SELECT 1 FROM coord.task_department v WHERE v.task_id = t.id AND v.department_code = \(viewer.confinedTo)))
                  AND (\(filter.department)::text IS NULL OR EXISTS (
                          SELECT 1 FROM coord.task_department f WHERE f.task_id = t.id AND f.department_code = \(filter.department)))
                  AND (\(filter.status?.rawValue)::text IS NULL OR t.status = \(filter.status?.rawValue))
                  AND (NOT \(filter.overdueOnly) OR (t.status = ANY(\(active)) AND t.due_at < \(now)))
                  AND (\(filter.workPlanID)::uuid IS NULL OR t.work_plan_id = \(filter.workPlanID))
                  AND (\(filter.after)::uuid IS NULL
                       OR (t.due_at, t.id) > (SELECT p.due_at, p.id FROM coord.task p WHERE p.id = \(filter.after)))
                ORDER BY t.due_at, t.id
                LIMIT \(filter.limit + 1)
                """, logger: logger)
            let found = try await Self.decodeTasks(rows)
            return (Array(found.prefix(filter.limit)), found.count > filter.limit)
        }
    }

    // MARK: Helpers

    /// Loads the task locked, runs `body` (which validates and writes), all in one transaction.
    func change(
        _ id: UUID, by caller: Caller,
        _ body: @escaping @Sendable (TaskSummary, Date, PostgresConnection, Logger) async throws -> Void
    ) async throws(CoordinationError) {
        let now = clock.now()
        try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let task = try await Self.load(id, as: nil, lock: true, on: connection, logger: logger)
            try await body(task, now, connection, logger)
        }
    }

    static let selectTask = """
        SELECT t.id, t.title, t.description, t.lead_department,
               ARRAY(SELECT d.department_code FROM coord.task_department d
                     WHERE d.task_id = t.id AND d.role = 'cooperating' ORDER BY d.department_code),
               t.priority, t.jurisdiction_code, t.due_at, t.status, t.decision_id, t.work_plan_id, t.work_plan_phase,
               t.escalation_level, t.created_by, t.created_at, t.completed_at, t.verified_at, t.source_record_id
        FROM coord.task t
        """

    static func load(
        _ id: UUID, as viewer: Reader?, lock: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> TaskSummary {
        let rows = try await connection.query(
            "\(unescaped: selectTask) WHERE t.id = \(id) \(unescaped: lock ? "FOR UPDATE OF t" : "")", logger: logger)
        guard let task = try await decodeTasks(rows).first,
              viewer.map({ Disclosure.shows(task, to: $0) }) ?? true
        else {
            throw CoordinationError(code: .notFound, message: "no task '\(id.lowercased)' exists, or your department is not on it")
        }
        return task
    }

    static func decodeTasks(_ rows: PostgresRowSequence) async throws -> [TaskSummary] {
        var tasks: [TaskSummary] = []
        for try await row in rows.decode(
            (UUID, String, String, String, [String], String, String, Date, String, UUID?, UUID?, String?, Int16, String,
             Date, Date?, Date?, UUID?).self)
        {
            let source: TaskSource
            if let plan = row.10, let phase = row.11.flatMap(WorkPlanPhase.init(rawValue:)) {
                source = .workPlanPhase(plan, phase)
            } else if let record = row.17 {
                source = .record(record)
            } else {
                source = .decision(row.9 ?? UUID())
            }
            tasks.append(TaskSummary(
                id: row.0, title: row.1, description: row.2, leadDepartment: row.3, cooperatingDepartments: row.4,
                priority: TaskPriority(rawValue: row.5) ?? .normal, jurisdictionCode: row.6, dueAt: row.7,
                status: TaskStatus(rawValue: row.8) ?? .open, source: source, escalationLevel: Int(row.12),
                createdBy: row.13, createdAt: row.14, completedAt: row.15, verifiedAt: row.16))
        }
        return tasks
    }

    static func update(
        _ id: UUID, status: TaskStatus, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query("UPDATE coord.task SET status = \(status.rawValue) WHERE id = \(id)", logger: logger)
    }

    static func update(
        _ id: UUID, status: TaskStatus, completedAt: Date?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            "UPDATE coord.task SET status = \(status.rawValue), completed_at = \(completedAt) WHERE id = \(id)",
            logger: logger)
    }

    static func insertProgress(
        _ report: ProgressReport, task id: UUID, by caller: Caller, at now: Date, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO coord.task_progress (task_id, department_code, status, percent, note, evidence_reference,
                                             reported_by, reported_at)
            VALUES (\(id), \(caller.departmentCode), \(report.status.rawValue), \(Int16(report.percent)), \(report.note),
                    \(report.evidenceReference), \(caller.name), \(now))
            """, logger: logger)
    }

    /// Appends to the task's history and to the audit chain, in the caller's transaction.
    static func record(
        _ kind: TaskDetail.Event.Kind, task id: UUID, by caller: Caller, byServer: Bool = false,
        detail: Localized, replyDueAt: Date? = nil, at now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await insertEvent(
            kind, task: id, by: caller, byServer: byServer, detail: detail, replyDueAt: replyDueAt, at: now,
            on: connection, logger: logger)
        try await AuditLog.append(
            auditEvent(kind, task: id, by: caller, detail: detail.description, at: now), on: connection, logger: logger)
    }

    /// Appends to the task's history, in the caller's transaction.
    static func insertEvent(
        _ kind: TaskDetail.Event.Kind, task id: UUID, by caller: Caller, byServer: Bool = false,
        detail: Localized, replyDueAt: Date? = nil, at now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let department = byServer ? nil : caller.departmentCode
        try await connection.query(
            """
            INSERT INTO coord.task_event (task_id, kind, department_code, actor, detail, detail_text, reply_due_at, at)
            VALUES (\(id), \(kind.rawValue), \(department), \(caller.name), \(detail.description),
                    \(try StoredText.json(detail))::jsonb, \(replyDueAt), \(now))
            """, logger: logger)
    }

    /// The audit entry of a step in the task's history.
    static func auditEvent(
        _ kind: TaskDetail.Event.Kind, task id: UUID, by caller: Caller, detail: String, at now: Date
    ) -> AuditEvent {
        AuditEvent(
            caller: caller, action: "task.\(kind.rawValue)",
            detail: detail.isEmpty ? "task \(id.lowercased)" : "task \(id.lowercased): \(detail)", at: now)
    }

    static func checkLength(_ text: String, field: String) throws(CoordinationError) {
        if text.count > 2000 { throw .invalidArgument(field: field, "must be at most 2000 characters") }
    }

    /// The notice subject of a task: `task/<id>`.
    static func subject(_ id: UUID) -> String { "task/\(id.lowercased)" }
}
