/// Chooses the counts of a table to withhold so that no small count can be worked out from the
/// counts shown, by subtraction, by sums, or by any other linear combination of them.
///
/// Every count is a sum of unknowns (in analysis: records of one jurisdiction in one month).
/// A count is *derivable* when its sum is a linear combination of the sums of the shown counts.
/// Small counts (1 to `threshold - 1`) are withheld (primary suppression); then, while one of
/// them — or a small count the table never shows, such as the records filed at a township
/// itself rather than at its villages — is derivable, the smallest shown count taking part in
/// the combination that derives it is withheld as well (complementary suppression). Counts of 0
/// stay shown: absent cells read as 0; a count of 0 never shown is taken to be known as well.
struct ComplementarySuppression {
    /// One count of the table.
    struct Item {
        /// The unknowns it sums.
        var support: [Int]
        var value: Int
        /// Whether the table shows it (unless withheld); a count never shown is only protected.
        var displayed: Bool
    }

    let threshold: Int

    /// The indices of the displayed items to withhold.
    func withheld(_ items: [Item]) -> Set<Int> {
        // Unknowns under a shown 0 are known to be 0 and drop out of every sum; so, to be safe, do
        // those of a 0 never shown (a reader may well know that nothing was filed at a township).
        var zero = Set<Int>()
        for item in items where item.value == 0 { zero.formUnion(item.support) }
        let supports = items.map { $0.support.filter { !zero.contains($0) } }
        let small = { (index: Int) in (1..<threshold).contains(items[index].value) }
        let protected = items.indices.filter(small)
        var hidden = Set(items.indices.filter { items[$0].displayed && small($0) })
        while true {
            let basis = Basis(rows: items.indices.filter { items[$0].displayed && !hidden.contains($0) && !supports[$0].isEmpty }
                .map { ($0, supports[$0]) })
            // One pass over the protected counts against this basis; a combination that uses a
            // count withheld during the pass is looked at again with the next basis.
            let before = hidden
            for index in protected {
                guard let combination = basis.derivation(of: supports[index]),
                      combination.isDisjoint(with: hidden.subtracting(before))
                else { continue }
                let candidates = combination.filter { !hidden.contains($0) && items[$0].value > 0 }
                guard let next = candidates.min(by: { (items[$0].value, $0) < (items[$1].value, $1) }) else { continue }
                hidden.insert(next)
            }
            if hidden == before { return hidden }
        }
    }

    /// The row space of the shown counts, in echelon form, each row remembering which shown
    /// counts it combines.
    private struct Basis {
        private struct Row {
            var entries: [Int: Double]
            var combination: [Int: Double]
        }

        private var rows: [Int: Row] = [:]  // by pivot, the smallest unknown of the row

        init(rows items: [(index: Int, support: [Int])]) {
            for (index, support) in items {
                var row = Row(entries: Dictionary(uniqueKeysWithValues: support.map { ($0, 1.0) }), combination: [index: 1])
                reduce(&row)
                guard let pivot = row.entries.keys.min() else { continue }
                let scale = row.entries[pivot]!
                row.entries = row.entries.mapValues { $0 / scale }
                row.combination = row.combination.mapValues { $0 / scale }
                rows[pivot] = row
            }
        }

        /// The shown counts whose combination gives `support`'s sum, or `nil` if none does.
        func derivation(of support: [Int]) -> Set<Int>? {
            guard !support.isEmpty else { return nil }
            var row = Row(entries: Dictionary(uniqueKeysWithValues: support.map { ($0, 1.0) }), combination: [:])
            reduce(&row)
            guard row.entries.isEmpty else { return nil }
            return Set(row.combination.filter { abs($0.value) > Self.tolerance }.keys)
        }

        /// Subtracts basis rows from `row` until no pivot of the basis is left in it.
        private func reduce(_ row: inout Row) {
            var floor = Int.min
            while let pivot = row.entries.keys.filter({ $0 > floor && rows[$0] != nil }).min() {
                floor = pivot
                let factor = row.entries[pivot]!
                let basisRow = rows[pivot]!
                for (unknown, value) in basisRow.entries {
                    let updated = (row.entries[unknown] ?? 0) - factor * value
                    row.entries[unknown] = abs(updated) < Self.tolerance ? nil : updated
                }
                for (count, value) in basisRow.combination {
                    row.combination[count, default: 0] -= factor * value
                }
            }
        }

        private static let tolerance = 1e-9
    }
}
