/// Listings the server pages: every item, asking page after page until no cursor comes back.
enum Pages {
    /// The largest page the server gives.
    static let size: Int32 = 500

    /// Every item of a listing, given how to ask for the page at a cursor ("" for the first).
    static func all<Item>(_ page: (_ cursor: String) async throws -> (items: [Item], next: String)) async throws -> [Item] {
        var items: [Item] = []
        var cursor = ""
        repeat {
            let (found, next) = try await page(cursor)
            items += found
            cursor = next
        } while !cursor.isEmpty
        return items
    }
}
