/// What an indicator's value measures, and how it is computed from numerator and denominator.
public enum IndicatorUnit: Sendable, Hashable {
    /// Numerator over denominator × 100, e.g. communities with a counselling room; the
    /// numerator never exceeds the denominator.
    case percent
    /// Numerator per `per` of the denominator, e.g. teachers per 4000 students.
    case ratio(per: Int)
    /// A number of things per reporting jurisdiction, e.g. science-popularisation events per
    /// county; the denominator is fixed at 1, so a roll-up is the count per reporting jurisdiction.
    case count

    /// The factor applied to numerator ÷ denominator.
    public var scale: Double {
        switch self {
        case .percent: 100
        case .ratio(let per): Double(per)
        case .count: 1
        }
    }

    /// Whether reports carry a denominator of their own.
    public var hasDenominator: Bool { self != .count }

    /// `percent`, `ratio` or `count`.
    public var name: String {
        switch self {
        case .percent: "percent"
        case .ratio: "ratio"
        case .count: "count"
        }
    }

    /// `value` as people read it: `50.0%`, `1.25 per 4000`, `6`.
    public func format(_ value: Double) -> String {
        switch self {
        case .percent: return Self.fixed(value, digits: 1) + "%"
        case .ratio(let per): return Self.fixed(value, digits: 2) + " per \(per)"
        case .count: return value.rounded() == value ? String(Int64(value)) : Self.fixed(value, digits: 2)
        }
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero.
    static func fixed(_ value: Double, digits: Int) -> String {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let scaled = Int64((abs(value) * factor).rounded(.toNearestOrAwayFromZero))
        let (whole, fraction) = scaled.quotientAndRemainder(dividingBy: Int64(factor))
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + CalendarDay.pad(Int(fraction), digits)
    }
}
