import CoordinationCore
import Foundation
import PostgresNIO

/// Work plans (工作方案) and their dated phases.
public struct WorkPlanStore: Sendable {
    let database: Database
    let clock: any CoordinationClock

    public init(database: Database, clock: any CoordinationClock) {
        self.database = database
        self.clock = clock
    }

    /// Stores a new plan for `caller` (a coordinator), audited.
    public func create(
        title: String, jurisdictionCode: String, year: Int, phases: [PhaseSchedule], by caller: Caller
    ) async throws(CoordinationError) -> WorkPlan {
        try WorkPlan.validate(title: title, jurisdictionCode: jurisdictionCode, year: year, phases: phases)
        let now = clock.now()
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let id = try await database.transaction { [logger = database.logger] connection in
            let known = try await connection.query(
                "SELECT 1 FROM coord.jurisdiction WHERE code = \(jurisdictionCode)", logger: logger)
            var exists = false
            for try await _ in known { exists = true }
            guard exists else {
                throw CoordinationError.invalidArgument(
                    field: "jurisdiction_code", "no jurisdiction '\(jurisdictionCode)' is registered")
            }
            let rows = try await connection.query(
                """
                INSERT INTO coord.work_plan (title, jurisdiction_code, year, created_by, created_at)
                VALUES (\(title), \(jurisdictionCode), \(year), \(caller.name), \(now))
                RETURNING id
                """, logger: logger)
            var inserted: UUID?
            for try await id in rows.decode(UUID.self) { inserted = id }
            guard let id = inserted else { throw CoordinationError(code: .internalError, message: "the work plan was not stored") }
            for schedule in phases {
                try await connection.query(
                    """
                    INSERT INTO coord.work_plan_phase (work_plan_id, phase, position, starts_at, ends_at)
                    VALUES (\(id), \(schedule.phase.rawValue), \(Int16(schedule.phase.position)), \(schedule.startsAt),
                            \(schedule.endsAt))
                    """, logger: logger)
            }
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: "work-plan.create",
                    detail: "work plan \(id.uuidString.lowercased()): \(title) (\(jurisdictionCode), \(year))", at: now),
                on: connection, logger: logger)
            return id
        }
        guard let plan = try await plans(id: id).first else {
            throw CoordinationError(code: .internalError, message: "the work plan was not stored")
        }
        return plan
    }

    /// The plan with `id`; `notFound` if there is none.
    public func plan(_ id: UUID) async throws(CoordinationError) -> WorkPlan {
        guard let plan = try await plans(id: id).first else {
            throw CoordinationError(code: .notFound, message: "no work plan '\(id.uuidString.lowercased())' exists")
        }
        return plan
    }

    /// A plan's place in the listing: newest year first, then by title and id.
    public struct Position: Sendable, Hashable {
        public var year: Int
        public var title: String
        public var id: UUID

        public init(year: Int, title: String, id: UUID) {
            self.year = year
            self.title = title
            self.id = id
        }
    }

    /// Up to `limit` plans of `year` and `jurisdictionCode` (each optional), newest year first,
    /// then by title, after `after` (the last plan of a previous page); and whether more follow.
    public func list(
        year: Int?, jurisdictionCode: String?, after: Position? = nil, limit: Int = 100
    ) async throws(CoordinationError) -> (plans: [WorkPlan], more: Bool) {
        let found = try await plans(year: year, jurisdictionCode: jurisdictionCode, after: after, limit: limit + 1)
        return (Array(found.prefix(limit)), found.count > limit)
    }

    private func plans(
        id: UUID? = nil, year: Int? = nil, jurisdictionCode: String? = nil, after: Position? = nil, limit: Int = 1
    ) async throws(CoordinationError) -> [WorkPlan] {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                WITH page AS (
                    SELECT w.* FROM coord.work_plan w
                    WHERE (\(id)::uuid IS NULL OR w.id = \(id))
                      AND (\(year)::integer IS NULL OR w.year = \(year))
                      AND (\(jurisdictionCode)::text IS NULL OR w.jurisdiction_code = \(jurisdictionCode))
                      AND (\(after?.id)::uuid IS NULL OR w.year < \(after.map { Int32($0.year) })
                           OR (w.year = \(after.map { Int32($0.year) }) AND (w.title, w.id) > (\(after?.title), \(after?.id))))
                    ORDER BY w.year DESC, w.title, w.id
                    LIMIT \(limit)
                )
                SELECT w.id, w.title, w.jurisdiction_code, w.year, w.created_by, w.created_at,
                       p.phase, p.starts_at, p.ends_at
                FROM page w
                LEFT JOIN coord.work_plan_phase p ON p.work_plan_id = w.id
                ORDER BY w.year DESC, w.title, w.id, p.position
                """, logger: logger)
            var plans: [WorkPlan] = []
            for try await (id, title, jurisdiction, year, createdBy, createdAt, phase, startsAt, endsAt) in rows.decode(
                (UUID, String, String, Int32, String, Date, String?, Date?, Date?).self)
            {
                if plans.last?.id != id {
                    plans.append(WorkPlan(
                        id: id, title: title, jurisdictionCode: jurisdiction, year: Int(year), phases: [],
                        createdBy: createdBy, createdAt: createdAt))
                }
                if let phase = phase.flatMap(WorkPlanPhase.init(rawValue:)), let startsAt, let endsAt {
                    plans[plans.count - 1].phases.append(PhaseSchedule(phase: phase, startsAt: startsAt, endsAt: endsAt))
                }
            }
            return plans
        }
    }
}
