/// An indicator with targets (BRIEF.md "Indicators with targets"): what one department
/// reports per jurisdiction and period, and what it must reach by when.
public struct Indicator: Sendable, Hashable {
    /// Stable identifier, lower-case, e.g. `community-counselling-rooms`.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    /// What is counted above the line, e.g. "communities with a counselling room".
    public var numeratorDescription: String
    /// What is counted below the line, e.g. "communities"; empty for a count indicator.
    public var denominatorDescription: String
    public var unit: IndicatorUnit
    /// The department that reports it (and owns it in the evaluation).
    public var ownerDepartment: String
    public var direction: IndicatorDirection
    /// The level of the jurisdictions reported for, e.g. community.
    public var level: JurisdictionLevel
    /// How often it is reported.
    public var period: ReportingPeriod.Kind
    /// The policy text it comes from, e.g. "001, 004 附件3 (六)".
    public var source: String
    /// The baseline and the target steps.
    public var target: IndicatorTarget

    public init(
        code: String, nameZh: String, nameEn: String, numeratorDescription: String, denominatorDescription: String,
        unit: IndicatorUnit, ownerDepartment: String, direction: IndicatorDirection, level: JurisdictionLevel,
        period: ReportingPeriod.Kind, source: String = "", target: IndicatorTarget = IndicatorTarget()
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.numeratorDescription = numeratorDescription
        self.denominatorDescription = denominatorDescription
        self.unit = unit
        self.ownerDepartment = ownerDepartment
        self.direction = direction
        self.level = level
        self.period = period
        self.source = source
        self.target = target
    }

    /// The value of `numerator` over `denominator` in the indicator's unit, or `nil` when
    /// nothing stands below the line.
    public func value(numerator: Int64, denominator: Int64) -> Double? {
        denominator > 0 ? Double(numerator) / Double(denominator) * unit.scale : nil
    }
}

/// Whether a higher or a lower value is better.
public enum IndicatorDirection: String, Sendable, Hashable, CaseIterable {
    /// The value must reach the threshold (≥).
    case atLeast = "at-least"
    /// The value must stay at or under the threshold (≤).
    case atMost = "at-most"

    /// Whether `value` meets `threshold`.
    public func meets(_ value: Double, _ threshold: Double) -> Bool {
        let tolerance = 1e-9 * max(1, abs(threshold))
        return self == .atLeast ? value >= threshold - tolerance : value <= threshold + tolerance
    }

    /// How far `value` is from meeting `threshold`, in the indicator's unit; 0 when met.
    public func gap(_ value: Double, _ threshold: Double) -> Double {
        meets(value, threshold) ? 0 : abs(threshold - value)
    }

    /// `≥` or `≤`.
    public var symbol: String { self == .atLeast ? "≥" : "≤" }
}
