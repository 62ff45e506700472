import Foundation

/// When one phase of a work plan runs.
public struct PhaseSchedule: Sendable, Hashable {
    public var phase: WorkPlanPhase
    public var startsAt: Date
    public var endsAt: Date

    public init(phase: WorkPlanPhase, startsAt: Date, endsAt: Date) {
        self.phase = phase
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// A work plan (工作方案): a year's tasks for a jurisdiction, grouped into dated phases.
public struct WorkPlan: Sendable, Hashable {
    public var id: UUID
    public var title: String
    public var jurisdictionCode: String
    public var year: Int
    /// In phase order.
    public var phases: [PhaseSchedule]
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID, title: String, jurisdictionCode: String, year: Int, phases: [PhaseSchedule], createdBy: String,
        createdAt: Date
    ) {
        self.id = id
        self.title = title
        self.jurisdictionCode = jurisdictionCode
        self.year = year
        self.phases = phases
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The schedule of `phase`, if the plan has it.
    public func schedule(of phase: WorkPlanPhase) -> PhaseSchedule? {
        phases.first { $0.phase == phase }
    }

    /// Checks a new plan: a title, a jurisdiction, a plausible year, and at least one phase,
    /// each at most once, in order, each ending after it starts and before the next starts.
    public static func validate(
        title: String, jurisdictionCode: String, year: Int, phases: [PhaseSchedule]
    ) throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        func fault(_ field: String, _ problem: Localized) { violations.append(.init(field: field, description: problem)) }
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fault("title", "is required") } else if trimmed.count > 200 {
            fault("title", "must be at most 200 characters")
        }
        if jurisdictionCode.isEmpty { fault("jurisdiction_code", "is required") }
        if !(2000...2100).contains(year) { fault("year", "must be between 2000 and 2100, got \(year)") }
        if phases.isEmpty { fault("phases", "at least one phase is required") }
        for (index, schedule) in phases.enumerated() {
            if schedule.endsAt <= schedule.startsAt {
                fault("phases[\(index)].ends_at", "must be after the phase starts")
            }
            guard index > 0 else { continue }
            let previous = phases[index - 1]
            if schedule.phase == previous.phase {
                fault("phases[\(index)].phase", "\(schedule.phase.rawValue) is listed twice")
            } else if schedule.phase < previous.phase {
                fault("phases[\(index)].phase",
                      "\(schedule.phase.rawValue) must come before \(previous.phase.rawValue) (order: mobilisation, promotion, deepening, evaluation)")
            } else if schedule.startsAt <= previous.endsAt {
                fault("phases[\(index)].starts_at",
                      "overlaps the \(previous.phase.rawValue) phase; it must start after that phase ends")
            }
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }
}
