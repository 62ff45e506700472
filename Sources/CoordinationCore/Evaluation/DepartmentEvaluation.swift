import Foundation

/// The supervision and evaluation (督导评估) of one department for one year (BRIEF.md; 002 §五):
/// the tasks it led that fell due in the year, the indicators it owns against the year's
/// targets, and the coordinators' feedback.
public struct DepartmentEvaluation: Sendable, Hashable {
    /// Tasks led by the department and due in the year.
    public struct TaskFigures: Sendable, Hashable {
        public var total = 0
        public var onTime = 0
        public var late = 0
        public var overdue = 0
        /// Not completed and not due yet.
        public var open = 0

        public init() {}

        /// Counts `tasks` at `now`.
        public init(_ tasks: [LeadTask], at now: Date) {
            for task in tasks {
                total += 1
                switch task.timeliness(at: now) {
                case .onTime: onTime += 1
                case .late: late += 1
                case .overdue: overdue += 1
                case .open: open += 1
                }
            }
        }
    }

    /// One owned indicator at one county-level jurisdiction.
    public struct IndicatorOutcome: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable {
            case met
            case notMet = "not-met"
            /// Nothing reported below the county in the year.
            case notReported = "not-reported"
            /// The indicator has no target steps.
            case noTarget = "no-target"
        }

        public var indicator: Indicator
        public var jurisdictionCode: String
        /// The last period of the year with reports, if any.
        public var period: ReportingPeriod?
        public var value: Double?
        /// The step that applies to the year.
        public var step: IndicatorTarget.Step?
        public var status: Status
    }

    /// What coordinators wrote to the department.
    public struct Feedback: Sendable, Hashable {
        public var text: String
        public var writtenBy: String
        public var writtenAt: Date

        public init(text: String, writtenBy: String, writtenAt: Date) {
            self.text = text
            self.writtenBy = writtenBy
            self.writtenAt = writtenAt
        }
    }

    public var departmentCode: String
    public var year: Int
    public var tasks: TaskFigures
    public var indicators: [IndicatorOutcome]
    public var feedback: Feedback?

    public init(
        departmentCode: String, year: Int, tasks: TaskFigures, indicators: [IndicatorOutcome], feedback: Feedback?
    ) {
        self.departmentCode = departmentCode
        self.year = year
        self.tasks = tasks
        self.indicators = indicators
        self.feedback = feedback
    }

    /// How many owned indicators have each status.
    public func count(_ status: IndicatorOutcome.Status) -> Int { indicators.filter { $0.status == status }.count }

    /// `indicator` at each county-level jurisdiction of `counties`, judged for `year`: the
    /// value is the roll-up of the last period of the year that has reports below the county,
    /// and the step is the one that applies to the year's last day.
    public static func outcomes(
        of indicator: Indicator, in year: Int, counties: [String], reports: [IndicatorReport], tree: [Jurisdiction]
    ) -> [IndicatorOutcome] {
        let periods = ReportingPeriod.all(in: year, kind: indicator.period)
        let yearStep = indicator.target.applicableStep(for: ReportingPeriod(kind: .year, year: year, index: 1)!)
        return counties.map { county in
            let points = IndicatorAttainment.series(reports, of: indicator, at: county, tree: tree, periods: periods)
            guard let last = points.last(where: { $0.reported > 0 }) else {
                return IndicatorOutcome(
                    indicator: indicator, jurisdictionCode: county, period: nil, value: nil, step: yearStep,
                    status: yearStep == nil ? .noTarget : .notReported)
            }
            var status = IndicatorOutcome.Status.noTarget
            if let yearStep {
                if let value = last.value {
                    status = indicator.direction.meets(value, yearStep.threshold) ? .met : .notMet
                } else {
                    status = .notReported
                }
            }
            return IndicatorOutcome(
                indicator: indicator, jurisdictionCode: county, period: last.period, value: last.value, step: yearStep,
                status: status)
        }
    }

    /// The county-level jurisdictions a department at `jurisdiction` is evaluated at: the
    /// counties at or below it, else the county above it.
    public static func counties(for jurisdiction: String, tree: [Jurisdiction]) -> [String] {
        let byCode = Dictionary(tree.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var below: [String] = []
        var frontier = [jurisdiction]
        while let code = frontier.popLast() {
            guard let node = byCode[code] else { continue }
            if node.level == .county { below.append(code); continue }
            if node.level < .county { frontier += tree.filter { $0.parentCode == code }.map(\.code) }
        }
        if !below.isEmpty { return below.sorted() }
        var code: String? = jurisdiction
        while let current = code, let node = byCode[current] {
            if node.level == .county { return [current] }
            code = node.parentCode
        }
        return []
    }
}
