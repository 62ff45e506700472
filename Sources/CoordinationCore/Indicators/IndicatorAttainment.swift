/// Whether an indicator's value meets its target, and how it moves over time.
public enum IndicatorAttainment {
    /// A value judged against the step that applies to its period.
    public struct Judgement: Sendable, Hashable {
        public var step: IndicatorTarget.Step
        public var met: Bool
        /// How far the value is from the threshold, in the indicator's unit; 0 when met.
        public var gap: Double
    }

    /// One period of a series.
    public struct Point: Sendable, Hashable {
        public var period: ReportingPeriod
        public var numerator: Int64
        public var denominator: Int64
        /// `nil` when nothing was reported below the jurisdiction for the period.
        public var value: Double?
        public var reported: Int
        public var expected: Int
        /// The step that applies to the period, even without a value.
        public var step: IndicatorTarget.Step?
        /// `nil` without a value or without steps.
        public var judgement: Judgement?
    }

    /// Which way the values went from the first reported period to the last.
    public enum Trend: String, Sendable, Hashable {
        case up, down, flat
        /// Fewer than two periods have a value.
        case notEnoughData = "not-enough-data"
    }

    /// `value` of `period` judged against the applicable step; `nil` without a value or steps.
    public static func judge(_ value: Double?, of indicator: Indicator, in period: ReportingPeriod) -> Judgement? {
        guard let value, let step = indicator.target.applicableStep(for: period) else { return nil }
        return Judgement(
            step: step, met: indicator.direction.meets(value, step.threshold),
            gap: indicator.direction.gap(value, step.threshold))
    }

    /// The series of `jurisdiction` over `periods`: each period rolled up from `reports`
    /// (of any of the periods) and judged.
    public static func series(
        _ reports: [IndicatorReport], of indicator: Indicator, at jurisdiction: String, tree: [Jurisdiction],
        periods: [ReportingPeriod]
    ) -> [Point] {
        let byPeriod = Dictionary(grouping: reports, by: \.period)
        return periods.map { period in
            let row = IndicatorRollup.rollUp(byPeriod[period] ?? [], of: indicator, tree: tree, root: jurisdiction).first
            let value = row?.value
            return Point(
                period: period, numerator: row?.numerator ?? 0, denominator: row?.denominator ?? 0, value: value,
                reported: row?.reported ?? 0, expected: row?.expected ?? 0,
                step: indicator.target.applicableStep(for: period), judgement: judge(value, of: indicator, in: period))
        }
    }

    /// The trend of the values that exist, first against last.
    public static func trend(_ values: [Double?]) -> Trend {
        let present = values.compactMap { $0 }
        guard let first = present.first, let last = present.last, present.count >= 2 else { return .notEnoughData }
        if abs(last - first) <= 1e-9 * max(1, abs(first)) { return .flat }
        return last > first ? .up : .down
    }
}
