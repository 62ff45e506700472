/// The languages people read this product in: Simplified Chinese, the county's, and English.
public enum Language: String, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    /// The language a tag or locale names: `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8`;
    /// `nil` for a locale that names none (`C`, `POSIX`, empty) or another language.
    public init?(tag: String) {
        let language = tag.split(whereSeparator: { "_-.@".contains($0) }).first.map { $0.lowercased() }
        switch language {
        case "zh"?: self = .zhCN
        case "en"?: self = .en
        default: return nil
        }
    }

    /// The language of a POSIX locale environment: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty decides; `nil` when it names neither language.
    public static func fromLocale(_ environment: [String: String]) -> Language? {
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty { return Language(tag: value) }
        }
        return nil
    }
}
