import CoordinationCore
import GRPCCore

/// The language a caller reads the server's messages in: the first language its
/// `accept-language` metadata names that the server speaks (`zh-CN`, `zh`, `en`, with or
/// without weights, as HTTP writes it), else English.
enum CallerLanguage {
    /// The metadata key.
    static let key = "accept-language"

    /// The language `metadata` asks for.
    static func of(_ metadata: Metadata) -> Language {
        for value in metadata[stringValues: key] {
            for range in value.split(separator: ",") {
                let tag = range.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if let language = Language(tag: tag) { return language }
            }
        }
        return .en
    }
}
