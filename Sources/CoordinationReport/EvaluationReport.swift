import Foundation

/// What a leading group reads at its evaluation (督导评估, seed 002 §五): indicator attainment
/// against targets, tasks by status and department, and each department's record with feedback.
///
/// A plain value: `coord report` fills it from the server, ``MarkdownReport`` and
/// ``HTMLReport`` render it.
public struct EvaluationReport: Sendable, Codable, Hashable {
    /// The jurisdiction the report covers, as people name it (e.g. "示范县 Demo County").
    public var jurisdiction: String
    public var year: Int
    public var generatedAt: Date
    public var indicators: [IndicatorLine]
    public var tasks: [TaskLine]
    public var departments: [DepartmentLine]
    /// Department names by code, in the report's language; a code without one shows as itself.
    public var departmentNames: [String: String]

    public init(
        jurisdiction: String, year: Int, generatedAt: Date, indicators: [IndicatorLine], tasks: [TaskLine],
        departments: [DepartmentLine], departmentNames: [String: String] = [:]
    ) {
        self.jurisdiction = jurisdiction
        self.year = year
        self.generatedAt = generatedAt
        self.indicators = indicators
        self.tasks = tasks
        self.departments = departments
        self.departmentNames = departmentNames
    }

    /// One indicator's value for the year against its applicable target step.
    public struct IndicatorLine: Sendable, Codable, Hashable {
        public var code: String
        public var name: String
        public var ownerDepartment: String
        /// `percent`, or a unit printed after the number (e.g. `per 4000`, `events`). Values,
        /// thresholds and trends are in this unit: 50 means 50% for `percent`.
        public var unit: String
        /// `true` for "at least", `false` for "at most".
        public var atLeast: Bool
        /// `nil` when nothing was reported for the year.
        public var value: Double?
        /// The applicable step's threshold and deadline, if a target is set.
        public var target: Double?
        public var targetDeadline: String?
        /// Values of earlier periods, oldest first, for the trend.
        public var trend: [PeriodValue]
        /// The value the targets start from, if one is declared (the trend starts there when it
        /// is older than the first reported period).
        public var baseline: PeriodValue?
        /// Every step of the targets, in deadline order: the report shows those before the
        /// applicable one as history.
        public var steps: [Step]

        /// One step of stepped targets: `threshold` by `deadline` (`YYYY-MM-DD`).
        public struct Step: Sendable, Codable, Hashable {
            public var threshold: Double
            public var deadline: String

            public init(threshold: Double, deadline: String) {
                self.threshold = threshold
                self.deadline = deadline
            }
        }

        public init(
            code: String, name: String, ownerDepartment: String, unit: String, atLeast: Bool, value: Double?,
            target: Double?, targetDeadline: String?, trend: [PeriodValue], baseline: PeriodValue? = nil, steps: [Step] = []
        ) {
            self.baseline = baseline
            self.steps = steps
            self.code = code
            self.name = name
            self.ownerDepartment = ownerDepartment
            self.unit = unit
            self.atLeast = atLeast
            self.value = value
            self.target = target
            self.targetDeadline = targetDeadline
            self.trend = trend
        }

        /// Whether the value meets the target; `nil` when either is missing.
        public var met: Bool? {
            guard let value, let target else { return nil }
            return atLeast ? value >= target : value <= target
        }

        var isPercent: Bool { unit == "percent" || unit == "%" }

        /// The values the trend is read from: the baseline when it is older than the first
        /// reported period, then each reported value.
        var trendValues: [PeriodValue] {
            guard let baseline, trend.first.map({ baseline.period < $0.period }) ?? true else { return trend }
            return [baseline] + trend
        }

        /// `50.0%`, or `6 events`.
        func format(_ number: Double) -> String {
            if isPercent { return String(format: "%.1f%%", number) }
            let text = number.rounded() == number ? String(Int(number)) : String(format: "%.2f", number)
            return unit.isEmpty ? text : "\(text) \(unit)"
        }
    }

    /// A value in one reporting period.
    public struct PeriodValue: Sendable, Codable, Hashable {
        public var period: String
        public var value: Double

        public init(period: String, value: Double) {
            self.period = period
            self.value = value
        }
    }

    /// One task: who leads it, where it stands.
    public struct TaskLine: Sendable, Codable, Hashable {
        public var title: String
        public var leadDepartment: String
        public var status: String
        public var due: Date
        public var overdue: Bool

        public init(title: String, leadDepartment: String, status: String, due: Date, overdue: Bool) {
            self.title = title
            self.leadDepartment = leadDepartment
            self.status = status
            self.due = due
            self.overdue = overdue
        }
    }

    /// One department's evaluation for the year.
    public struct DepartmentLine: Sendable, Codable, Hashable {
        public var code: String
        public var name: String
        public var tasksLed: Int
        public var onTime: Int
        public var late: Int
        public var overdueOpen: Int
        public var indicatorsMet: Int
        public var indicatorsOwned: Int
        public var feedback: String

        public init(
            code: String, name: String, tasksLed: Int, onTime: Int, late: Int, overdueOpen: Int, indicatorsMet: Int,
            indicatorsOwned: Int, feedback: String
        ) {
            self.code = code
            self.name = name
            self.tasksLed = tasksLed
            self.onTime = onTime
            self.late = late
            self.overdueOpen = overdueOpen
            self.indicatorsMet = indicatorsMet
            self.indicatorsOwned = indicatorsOwned
            self.feedback = feedback
        }
    }
}
