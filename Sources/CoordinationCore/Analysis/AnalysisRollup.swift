import Foundation

/// Counts for analysis (分析研判), rolled up the jurisdiction tree with small cells suppressed.
public enum AnalysisRollup {
    /// Counts of 1 to `suppressionThreshold - 1` are shown as "<5".
    public static let suppressionThreshold = 5

    /// Records counted at one jurisdiction, before roll-up.
    public struct Count: Sendable, Hashable {
        public var recordType: String
        public var jurisdictionCode: String
        public var riskLevel: Int?
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

        /// What may be shown: the count, or "<5" for a small non-zero cell.
        public var display: String {
            records > 0 && records < AnalysisRollup.suppressionThreshold ? "<\(AnalysisRollup.suppressionThreshold)" : "\(records)"
        }
    }

    /// Adds each count to its jurisdiction and every ancestor. Counts at jurisdictions not in
    /// `tree` are dropped. Cells come ordered by type, tree order, risk level and period.
    public static func rollUp(_ counts: [Count], tree: [Jurisdiction]) -> [Cell] {
        let byCode = Dictionary(uniqueKeysWithValues: tree.map { ($0.code, $0) })
        let order = Dictionary(uniqueKeysWithValues: tree.enumerated().map { ($1.code, $0) })
        struct Key: Hashable { var type: String; var code: String; var risk: Int?; var period: Date }
        var totals: [Key: Int] = [:]
        for count in counts {
            var code: String? = count.jurisdictionCode
            while let current = code, let node = byCode[current] {
                totals[Key(type: count.recordType, code: current, risk: count.riskLevel, period: count.periodStart), default: 0]
                    += count.records
                code = node.parentCode
            }
        }
        return totals.map { key, records in
            Cell(recordType: key.type, jurisdiction: byCode[key.code]!, riskLevel: key.risk, periodStart: key.period, records: records)
        }.sorted {
            ($0.recordType, order[$0.jurisdiction.code] ?? 0, $0.riskLevel ?? -1, $0.periodStart)
                < ($1.recordType, order[$1.jurisdiction.code] ?? 0, $1.riskLevel ?? -1, $1.periodStart)
        }
    }
}
