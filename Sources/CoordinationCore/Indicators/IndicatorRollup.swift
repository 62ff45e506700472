/// Rolls an indicator's reports for one period up the jurisdiction tree.
///
/// A jurisdiction's value is the sum of the numerators over the sum of the denominators of
/// the reporting jurisdictions below it — never an average of their percentages, which would
/// weigh a village of 4 like a town of 400.
public enum IndicatorRollup {
    /// One jurisdiction's rolled-up figures.
    public struct Row: Sendable, Hashable {
        public var jurisdiction: Jurisdiction
        /// 0 for the root of the roll-up, 1 for its children, ...
        public var depth: Int
        public var numerator: Int64
        public var denominator: Int64
        /// In the indicator's unit; `nil` when the denominators sum to 0 (nothing reported).
        public var value: Double?
        /// Reporting-level jurisdictions at or below this one that have reported.
        public var reported: Int
        /// Reporting-level jurisdictions at or below this one.
        public var expected: Int
    }

    /// The rows of `root` (every root of `tree` when `nil`) and the jurisdictions below it down
    /// to the indicator's level, in tree order. Reports must be of one period; reports at
    /// jurisdictions not at the indicator's level are ignored.
    public static func rollUp(
        _ reports: [IndicatorReport], of indicator: Indicator, tree: [Jurisdiction], root: String? = nil
    ) -> [Row] {
        var children: [String: [Jurisdiction]] = [:]
        for node in tree { if let parent = node.parentCode { children[parent, default: []].append(node) } }
        let byJurisdiction = Dictionary(
            reports.map { ($0.jurisdictionCode, $0) }, uniquingKeysWith: { first, _ in first })
        let roots = tree.filter { root == nil ? $0.parentCode == nil : $0.code == root }

        var rows: [Row] = []
        @discardableResult
        func visit(_ node: Jurisdiction, depth: Int) -> Row? {
            guard node.level <= indicator.level else { return nil }
            let position = rows.count
            var row = Row(jurisdiction: node, depth: depth, numerator: 0, denominator: 0, value: nil, reported: 0, expected: 0)
            rows.append(row)
            if node.level == indicator.level {
                row.expected = 1
                if let report = byJurisdiction[node.code] {
                    row.reported = 1
                    row.numerator = report.numerator
                    row.denominator = report.denominator
                }
            } else {
                for child in children[node.code] ?? [] {
                    guard let sub = visit(child, depth: depth + 1) else { continue }
                    row.numerator += sub.numerator
                    row.denominator += sub.denominator
                    row.reported += sub.reported
                    row.expected += sub.expected
                }
            }
            row.value = indicator.value(numerator: row.numerator, denominator: row.denominator)
            rows[position] = row
            return row
        }
        for node in roots { visit(node, depth: 0) }
        return rows
    }
}
