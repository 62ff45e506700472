import CoordinationCore
import Foundation
import Testing

/// Analysis cells as a reader is shown them: no count of 1–4 can be worked out of the counts
/// shown, by any subtraction or sum across the jurisdiction tree or the calendar.
@Suite("Analysis disclosure")
struct AnalysisDisclosureTests {
    private static let tree = [
        Jurisdiction(code: "c", nameZh: "县", nameEn: "County", level: .county, parentCode: nil),
        Jurisdiction(code: "c.a", nameZh: "甲镇", nameEn: "A", level: .township, parentCode: "c"),
        Jurisdiction(code: "c.a.1", nameZh: "一村", nameEn: "A1", level: .community, parentCode: "c.a"),
        Jurisdiction(code: "c.a.2", nameZh: "二村", nameEn: "A2", level: .community, parentCode: "c.a"),
        Jurisdiction(code: "c.b", nameZh: "乙镇", nameEn: "B", level: .township, parentCode: "c"),
        Jurisdiction(code: "c.b.1", nameZh: "三村", nameEn: "B1", level: .community, parentCode: "c.b"),
        Jurisdiction(code: "c.b.2", nameZh: "四村", nameEn: "B2", level: .community, parentCode: "c.b"),
    ]
    private static let everywhere = Set(tree.map(\.code))

    private static func month(_ month: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2026, month: month, day: 1))!
    }

    /// Deliberately small cells: a village with 3, a township with 2 filed at the township
    /// itself, a month with 1, next to large ones.
    private static let counts: [AnalysisRollup.Count] = [
        ("c.a.1", 1, 9), ("c.a.1", 2, 7), ("c.a.2", 1, 3), ("c.a", 1, 2), ("c.b.1", 1, 12), ("c.b.1", 4, 1),
        ("c.b.2", 2, 6), ("c.b.2", 5, 8), ("c", 7, 6),
    ].map { AnalysisRollup.Count(recordType: "t", jurisdictionCode: $0.0, riskLevel: 3, periodStart: month($0.1), records: $0.2) }

    /// Every count of the table, shown (`Int`) or withheld (`nil`), zero where absent, by
    /// jurisdiction and period start, for every period length at once.
    private func table(scope: Set<String> = everywhere) -> [String: Int?] {
        var table: [String: Int?] = [:]
        for period in AnalysisRollup.Period.allCases {
            for cell in Disclosure.analysis(Self.counts, tree: Self.tree, period: period, scope: scope) {
                #expect(cell.display == (cell.suppressed ? "x" : "\(cell.records)"))
                table.updateValue(cell.suppressed ? nil : cell.records, forKey: key(cell.jurisdiction.code, period, cell.periodStart))
            }
        }
        return table
    }

    private func key(_ code: String, _ period: AnalysisRollup.Period, _ start: Date) -> String {
        "\(code)/\(period.rawValue)/\(start.timeIntervalSince1970)"
    }

    /// The true count, from the raw data.
    private func truth(_ code: String, _ months: ClosedRange<Int>, below: Bool = true) -> Int {
        let codes = below ? Set(Self.tree.filter { $0.code == code || $0.code.hasPrefix(code + ".") }.map(\.code)) : [code]
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var total = 0
        for count in Self.counts where codes.contains(count.jurisdictionCode) {
            if months.contains(utc.component(.month, from: count.periodStart)) { total += count.records }
        }
        return total
    }

    @Test("every count of 1–4 is withheld, and so is enough else that no subtraction or sum gives one back")
    func everySubtractionAndSum() throws {
        let shown = table()
        /// One term of a relation: its true value and whether the reader knows it.
        struct Term { var value: Int; var known: Bool }
        func cell(_ code: String, _ period: AnalysisRollup.Period, _ months: ClosedRange<Int>) -> Term {
            let value = truth(code, months)
            let entry = shown[key(code, period, Self.month(months.lowerBound))]
            #expect(entry != nil || value == 0, "\(code) \(period) \(months) missing")
            return Term(value: value, known: entry.map { $0 != nil } ?? true)
        }
        var periods: [(AnalysisRollup.Period, ClosedRange<Int>)] = []
        for month in 1...12 { periods.append((.month, month...month)) }
        for quarter in 0..<4 { periods.append((.quarter, (quarter * 3 + 1)...(quarter * 3 + 3))) }
        periods.append((.year, 1...12))
        var relations: [[Term]] = []  // the first term is the sum of the others
        for node in Self.tree {
            let children = Self.tree.filter { $0.parentCode == node.code }
            for (period, months) in periods {
                // Across the tree: a jurisdiction = what was filed there + its children. What
                // was filed there is never shown; the reader is taken to know it when it is 0.
                if !children.isEmpty {
                    let filedThere = truth(node.code, months, below: false)
                    let parts: [Term] = children.map { cell($0.code, period, months) }
                    relations.append([cell(node.code, period, months), Term(value: filedThere, known: filedThere == 0)] + parts)
                }
                // Across the calendar: a quarter = its months, the year = its quarters.
                switch period {
                case .quarter:
                    let parts: [Term] = months.map { cell(node.code, .month, $0...$0) }
                    relations.append([cell(node.code, period, months)] + parts)
                case .year:
                    let parts: [Term] = (0..<4).map { cell(node.code, .quarter, ($0 * 3 + 1)...($0 * 3 + 3)) }
                    relations.append([cell(node.code, period, months)] + parts)
                case .month:
                    break
                }
            }
        }
        var small = 0
        for relation in relations {
            small += relation.filter { (1...4).contains($0.value) }.count
            for term in relation where (1...4).contains(term.value) {
                #expect(!term.known, "a count of \(term.value) is shown")
            }
            // One unknown term of a relation is the known ones' sum or difference.
            let unknown = relation.filter { !$0.known }
            if unknown.count == 1 {
                #expect(!(1...4).contains(unknown[0].value), "a count of \(unknown[0].value) comes back by subtraction or sum")
            }
        }
        #expect(small > 10)  // the table does hold small counts to protect
        // The county's year total protects no small count and stays shown.
        #expect(shown[key("c", .year, Self.month(1))] == .some(54))
    }

    @Test("a reader is shown only jurisdictions within their own, withheld alike")
    func scoped() {
        let whole = table()
        let township = table(scope: ["c.a", "c.a.1", "c.a.2"])
        #expect(township.keys.allSatisfy { $0.hasPrefix("c.a") })
        #expect(!township.isEmpty)
        for (key, value) in township { #expect(whole[key] == value, "\(key)") }
    }
}
