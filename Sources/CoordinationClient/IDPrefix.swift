/// Ids people can type: a prefix of an id (lists show the first ``shown`` characters) stands
/// for the whole id when exactly one candidate starts with it.
public enum IDPrefix {
    /// How many characters of an id lists show.
    public static let shown = 8

    /// The fewest characters accepted as a prefix.
    public static let minimum = 4

    /// What a prefix matches.
    public enum Match: Sendable, Equatable {
        case unique(String)
        case none
        /// Every candidate it starts, sorted.
        case ambiguous([String])
    }

    /// The first characters of `id`, as lists show it.
    public static func short(_ id: String) -> String { String(id.prefix(shown)) }

    /// What `prefix` matches among `candidates` (ignoring case).
    public static func match(_ prefix: String, among candidates: [String]) -> Match {
        let prefix = prefix.lowercased()
        let found = Array(Set(candidates.filter { $0.lowercased().hasPrefix(prefix) })).sorted()
        switch found.count {
        case 0: return .none
        case 1: return .unique(found[0])
        default: return .ambiguous(found)
        }
    }
}
