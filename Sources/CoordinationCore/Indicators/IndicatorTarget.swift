/// Where an indicator started and the thresholds it must reach by each deadline, e.g. ≥20%
/// by 2019-12-31, ≥50% by 2020-12-31, ≥80% by 2021-12-31 (001, 004 附件3 (六)).
public struct IndicatorTarget: Sendable, Hashable {
    /// The value measured before the targets were set, and when.
    public struct Baseline: Sendable, Hashable {
        public var value: Double
        public var period: ReportingPeriod

        public init(value: Double, period: ReportingPeriod) {
            self.value = value
            self.period = period
        }
    }

    /// One threshold and the day by which it must be reached.
    public struct Step: Sendable, Hashable {
        /// In the indicator's unit: 20 means 20% for a percent indicator.
        public var threshold: Double
        public var deadline: CalendarDay

        public init(threshold: Double, deadline: CalendarDay) {
            self.threshold = threshold
            self.deadline = deadline
        }
    }

    public var baseline: Baseline?
    /// In deadline order (``IndicatorRules/validate(_:of:requireSteps:)`` checks it).
    public var steps: [Step]

    public init(baseline: Baseline? = nil, steps: [Step] = []) {
        self.baseline = baseline
        self.steps = steps
    }

    /// The step a value of `period` is judged against: the earliest whose deadline is on or
    /// after the period's last day, else the last step; `nil` without steps.
    public func applicableStep(for period: ReportingPeriod) -> Step? {
        steps.first { $0.deadline >= period.lastDay } ?? steps.last
    }
}
