import CoordinationCore
import Foundation

/// A ``Localized`` text kept in the database beside its English (a `jsonb` column), so that it
/// is shown later in each reader's language.
enum StoredText {
    /// `text` as the `jsonb` column holds it.
    static func json(_ text: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    }

    /// The text in `json`, or the `english` kept beside it when there is none (rows written
    /// before texts were kept) or it cannot be read.
    static func text(_ json: String?, english: String) -> Localized {
        json.flatMap { try? JSONDecoder().decode(Localized.self, from: Data($0.utf8)) } ?? Localized(verbatim: english)
    }
}
