import Foundation

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

    /// The first `limit` items of a listing, page after page, and whether the server had more.
    static func first<Item>(
        _ limit: Int, _ page: (_ cursor: String, _ size: Int32) async throws -> (items: [Item], next: String)
    ) async throws -> (items: [Item], more: Bool) {
        var items: [Item] = []
        var cursor = ""
        repeat {
            let (found, next) = try await page(cursor, Int32(min(size, Int32(clamping: limit - items.count))))
            items += found
            cursor = next
        } while !cursor.isEmpty && items.count < limit
        return (Array(items.prefix(limit)), !cursor.isEmpty)
    }

    /// Tells, on standard error, that a listing stopped at `limit` with more to show.
    static func noteMore(_ more: Bool, limit: Int) {
        if more { FileHandle.standardError.write(Data("(showing the first \(limit); --limit N shows more)\n".utf8)) }
    }
}
