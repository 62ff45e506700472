import Foundation

/// Counts for analysis (分析研判), rolled up the jurisdiction tree and the calendar.
public enum AnalysisRollup {
    /// Counts of 1 to `suppressionThreshold - 1` are never shown, nor derivable from what is.
    public static let suppressionThreshold = 5

    /// The length of an analysis period.
    public enum Period: String, Sendable, CaseIterable {
        case month, quarter, year

        /// The first instant (UTC) of the period of this length that holds `month`, itself the
        /// first instant of a month.
        func start(of month: Date) -> Date {
            let components = AnalysisRollup.calendar.dateComponents([.year, .month], from: month)
            let first: Int
            switch self {
            case .month: first = components.month!
            case .quarter: first = (components.month! - 1) / 3 * 3 + 1
            case .year: first = 1
            }
            return AnalysisRollup.calendar.date(from: DateComponents(year: components.year, month: first, day: 1))!
        }
    }

    /// Records published at one jurisdiction in one month, before roll-up.
    public struct Count: Sendable, Hashable {
        public var recordType: String
        public var jurisdictionCode: String
        public var riskLevel: Int?
        /// The first instant (UTC) of the month.
        public var periodStart: Date
        public var records: Int

        public init(recordType: String, jurisdictionCode: String, riskLevel: Int?, periodStart: Date, records: Int) {
            self.recordType = recordType
            self.jurisdictionCode = jurisdictionCode
            self.riskLevel = riskLevel
            self.periodStart = periodStart
            self.records = records
        }
    }

    /// A rolled-up cell: a jurisdiction's count includes every jurisdiction below it.
    public struct Cell: Sendable, Hashable {
        public var recordType: String
        public var jurisdiction: Jurisdiction
        public var riskLevel: Int?
        public var periodStart: Date
        public var records: Int
        /// Withheld: the count is small, or would give a small one away.
        public var suppressed = false

        /// What may be shown: the count, or ``withheldMark``.
        public var display: String { suppressed ? AnalysisRollup.withheldMark : "\(records)" }
    }

    /// What stands for a withheld count.
    public static let withheldMark = "x"

    /// Adds each monthly count to its jurisdiction and every ancestor, and to the periods of
    /// length `period` that hold its month. Counts at jurisdictions not in `tree` are dropped.
    /// Cells come ordered by type, tree order, risk level and period.
    public static func rollUp(_ counts: [Count], tree: [Jurisdiction], period: Period) -> [Cell] {
        let byCode = Dictionary(uniqueKeysWithValues: tree.map { ($0.code, $0) })
        let order = Dictionary(uniqueKeysWithValues: tree.enumerated().map { ($1.code, $0) })
        struct Key: Hashable { var type: String; var code: String; var risk: Int?; var period: Date }
        var totals: [Key: Int] = [:]
        for count in counts {
            let start = period.start(of: count.periodStart)
            var code: String? = count.jurisdictionCode
            while let current = code, let node = byCode[current] {
                totals[Key(type: count.recordType, code: current, risk: count.riskLevel, period: start), default: 0]
                    += count.records
                code = node.parentCode
            }
        }
        return totals.map { key, records in
            Cell(
                recordType: key.type, jurisdiction: byCode[key.code]!, riskLevel: key.risk, periodStart: key.period,
                records: records)
        }.sorted {
            ($0.recordType, order[$0.jurisdiction.code] ?? 0, $0.riskLevel ?? -1, $0.periodStart)
                < ($1.recordType, order[$1.jurisdiction.code] ?? 0, $1.riskLevel ?? -1, $1.periodStart)
        }
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
