import CoordinationCore

/// How many items a page of a listing holds: `page_size` of 1…500, 0 for 100.
enum PageSize {
    static let maximum: Int32 = 500
    static let standard = 100

    /// The page size asked for, or `invalidArgument` naming `page_size`.
    static func limit(_ requested: Int32) throws(CoordinationError) -> Int {
        guard (0...maximum).contains(requested) else {
            throw .invalidArgument(field: "page_size", "must be between 1 and \(maximum) (0 for \(standard))")
        }
        return requested == 0 ? standard : Int(requested)
    }
}
