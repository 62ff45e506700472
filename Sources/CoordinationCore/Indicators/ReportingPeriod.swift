/// One reporting period of an indicator: a year (`2026`), a quarter (`2026-Q3`) or a month
/// (`2026-07`).
public struct ReportingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How often an indicator is reported.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case year, quarter, month

        /// Periods of this kind in one year.
        public var periodsPerYear: Int {
            switch self {
            case .year: 1
            case .quarter: 4
            case .month: 12
            }
        }

        /// An example of this kind's text form, for error messages.
        public var example: Localized {
            switch self {
            case .year: "a year such as 2026"
            case .quarter: "a quarter such as 2026-Q3"
            case .month: "a month such as 2026-07"
            }
        }
    }

    public let kind: Kind
    public let year: Int
    /// 1 for a year, 1–4 for a quarter, 1–12 for a month.
    public let index: Int

    /// A period, or `nil` when `index` does not fit `kind`.
    public init?(kind: Kind, year: Int, index: Int) {
        guard (1000...9999).contains(year), (1...kind.periodsPerYear).contains(index) else { return nil }
        self.kind = kind
        self.year = year
        self.index = index
    }

    /// Parses the text form of a period of `kind`; a failure names `field`.
    public init(parsing text: String, kind: Kind, field: String) throws(CoordinationError) {
        let failure = CoordinationError.invalidArgument(
            field: field, "must be \(kind.example) (the indicator is reported per \(Localized(stringLiteral: kind.rawValue))), got '\(text)'")
        guard text.allSatisfy(\.isASCII) else { throw failure }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == (kind == .year ? 1 : 2), parts[0].count == 4, let year = Int(parts[0]) else { throw failure }
        var index = 1
        switch kind {
        case .year: break
        case .quarter:
            guard parts[1].count == 2, parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()) else { throw failure }
            index = quarter
        case .month:
            guard parts[1].count == 2, let month = Int(parts[1]) else { throw failure }
            index = month
        }
        guard let period = ReportingPeriod(kind: kind, year: year, index: index) else { throw failure }
        self = period
    }

    /// `2026`, `2026-Q3` or `2026-07`.
    public var description: String {
        switch kind {
        case .year: "\(year)"
        case .quarter: "\(year)-Q\(index)"
        case .month: "\(year)-\(CalendarDay.pad(index, 2))"
        }
    }

    /// The first month of the period.
    private var firstMonth: Int { kind == .month ? index : (index - 1) * (12 / kind.periodsPerYear) + 1 }

    /// The first day of the period.
    public var firstDay: CalendarDay { CalendarDay(year: year, month: firstMonth, day: 1)! }

    /// The last day of the period.
    public var lastDay: CalendarDay {
        let month = firstMonth + 12 / kind.periodsPerYear - 1
        return CalendarDay(year: year, month: month, day: CalendarDay.days(inMonth: month, of: year))!
    }

    /// The period after this one.
    public var next: ReportingPeriod {
        index < kind.periodsPerYear
            ? ReportingPeriod(kind: kind, year: year, index: index + 1)!
            : ReportingPeriod(kind: kind, year: year + 1, index: 1)!
    }

    /// Every period of `kind` in `year`, in order.
    public static func all(in year: Int, kind: Kind) -> [ReportingPeriod] {
        (1...kind.periodsPerYear).compactMap { ReportingPeriod(kind: kind, year: year, index: $0) }
    }

    /// The periods from `first` through `last` (same kind), at most `limit` of them; a range
    /// that runs backwards or is too long names `field`.
    public static func range(
        from first: ReportingPeriod, through last: ReportingPeriod, limit: Int = 240, field: String
    ) throws(CoordinationError) -> [ReportingPeriod] {
        guard first <= last else { throw .invalidArgument(field: field, "must not be before \(first)") }
        var periods = [first]
        while periods.last! < last {
            guard periods.count < limit else { throw .invalidArgument(field: field, "spans more than \(limit) periods") }
            periods.append(periods.last!.next)
        }
        return periods
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.index) < (rhs.year, rhs.index) }
}
