import Foundation

extension Disclosure {
    /// The analysis cells a reader is shown: counts per period of length `period` for the
    /// jurisdictions in `scope`, rolled up the tree.
    ///
    /// Which counts are withheld is decided once for the whole county, over every jurisdiction
    /// and every period length together (months, quarters, the year), per record type, risk level
    /// and year — so that no reader, whatever their scope and whichever periods they ask for,
    /// can work a count of 1–4 out of the counts shown: not a cell, and not the records filed at
    /// a jurisdiction itself rather than below it (``ComplementarySuppression``). Record types
    /// and risk levels are never totalled, so they bind no counts together.
    public static func analysis(
        _ counts: [AnalysisRollup.Count], tree: [Jurisdiction], period: AnalysisRollup.Period, scope: Set<String>
    ) -> [AnalysisRollup.Cell] {
        struct Block: Hashable { var type: String; var risk: Int?; var year: Int }
        struct CellKey: Hashable { var type: String; var code: String; var risk: Int?; var period: AnalysisRollup.Period; var start: Date }
        let calendar = AnalysisRollup.calendar
        let nodes = tree.map(\.code)
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var children: [String: [String]] = [:]
        for node in tree { if let parent = node.parentCode { children[parent, default: []].append(node.code) } }
        func subtree(_ code: String) -> [String] { [code] + (children[code] ?? []).flatMap(subtree) }
        let subtrees = Dictionary(uniqueKeysWithValues: nodes.map { ($0, subtree($0)) })
        // The months each period of the year holds.
        var spans: [(AnalysisRollup.Period, Int, [Int])] = []
        for month in 1...12 { spans.append((.month, month, [month])) }
        for quarter in 0..<4 {
            let first = quarter * 3 + 1
            spans.append((.quarter, first, [first, first + 1, first + 2]))
        }
        spans.append((.year, 1, Array(1...12)))

        var blocks: [Block: [Int: Int]] = [:]  // unknown (node × month) → records
        for count in counts {
            guard let node = nodeIndex[count.jurisdictionCode] else { continue }
            let month = calendar.dateComponents([.year, .month], from: count.periodStart)
            let block = Block(type: count.recordType, risk: count.riskLevel, year: month.year!)
            blocks[block, default: [:]][node * 12 + month.month! - 1, default: 0] += count.records
        }
        var withheld = Set<CellKey>()
        let suppression = ComplementarySuppression(threshold: AnalysisRollup.suppressionThreshold)
        for (block, values) in blocks {
            var items: [ComplementarySuppression.Item] = []
            var keys: [CellKey?] = []
            for code in nodes {
                let below = subtrees[code]!.map { nodeIndex[$0]! }
                let own = nodeIndex[code]!
                for (length, first, months) in spans {
                    let support = below.flatMap { node in months.map { node * 12 + $0 - 1 } }
                    items.append(.init(support: support, value: support.reduce(0) { $0 + (values[$1] ?? 0) }, displayed: true))
                    let start = calendar.date(from: DateComponents(year: block.year, month: first, day: 1))!
                    keys.append(CellKey(type: block.type, code: code, risk: block.risk, period: length, start: start))
                    if below.count > 1 {
                        let filedHere = months.map { own * 12 + $0 - 1 }
                        items.append(.init(
                            support: filedHere, value: filedHere.reduce(0) { $0 + (values[$1] ?? 0) }, displayed: false))
                        keys.append(nil)
                    }
                }
            }
            for index in suppression.withheld(items) { if let key = keys[index] { withheld.insert(key) } }
        }
        return AnalysisRollup.rollUp(counts, tree: tree, period: period).compactMap { cell in
            guard scope.contains(cell.jurisdiction.code) else { return nil }
            var shown = cell
            shown.suppressed = withheld.contains(CellKey(
                type: cell.recordType, code: cell.jurisdiction.code, risk: cell.riskLevel, period: period, start: cell.periodStart))
            return shown
        }
    }
}
