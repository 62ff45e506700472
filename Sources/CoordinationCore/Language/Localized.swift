/// Text written in English in the source, shown in the reader's language: the English, with
/// each interpolated value replaced by `%@`, is the key into a translation catalog.
///
/// ```swift
/// let text: Localized = "\(count) departments have voted"   // key "%@ departments have voted"
/// text.resolved(in: ["%@ departments have voted": "已有 %@ 个部门投票"])
/// ```
///
/// A translation takes the values in order (`%@`) or by position (`%2$@`); `%%` is a percent
/// sign. A key missing from the catalog shows the English. A `Localized` value interpolated
/// into another is translated with it.
public struct Localized: ExpressibleByStringInterpolation, Sendable, Hashable, CustomStringConvertible {
    /// The English with `%@` for each value and `%%` for each percent sign.
    public private(set) var key: String
    /// The interpolated values.
    public private(set) var values: [Value]

    /// An interpolated value: text as it is, or localized text translated with its container.
    public indirect enum Value: Sendable, Hashable {
        case text(String)
        case localized(Localized)
    }

    /// The English.
    public var description: String { resolved(in: [:]) }

    /// Two texts are equal when they read the same in English, however they were built.
    public static func == (lhs: Localized, rhs: Localized) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// `text` as it is, never translated (a name, a code, a message from elsewhere).
    public init(verbatim text: String) {
        key = "%@"
        values = [.text(text)]
    }

    public init(stringLiteral value: String) {
        key = Self.escaped(value)
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        values = stringInterpolation.values
    }

    /// Builds the key and the values of an interpolated literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var values: [Value] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            key += Localized.escaped(literal)
        }

        public mutating func appendInterpolation(_ value: some Any) {
            key += "%@"
            values.append(.text("\(value)"))
        }

        public mutating func appendInterpolation(_ value: Localized) {
            key += "%@"
            values.append(.localized(value))
        }
    }

    /// The text in the catalog's language (the English when the catalog lacks the key).
    public func resolved(in catalog: [String: String]) -> String {
        Self.fill(catalog[key] ?? key, with: values.map { $0.resolved(in: catalog) })
    }

    /// `template` with its `%@`, `%N$@` and `%%` replaced.
    static func fill(_ template: String, with arguments: [String]) -> String {
        var result = ""
        var next = 0
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            index = template.index(after: index)
            guard character == "%", index < template.endIndex else {
                result.append(character)
                continue
            }
            if template[index] == "%" {
                result.append("%")
                index = template.index(after: index)
            } else if template[index] == "@" {
                result += next < arguments.count ? arguments[next] : ""
                next += 1
                index = template.index(after: index)
            } else if let dollar = template[index...].firstIndex(of: "$"),
                      let position = Int(template[index..<dollar]),
                      template.index(after: dollar) < template.endIndex, template[template.index(after: dollar)] == "@" {
                result += (1...arguments.count).contains(position) ? arguments[position - 1] : ""
                index = template.index(dollar, offsetBy: 2)
            } else {
                result.append("%")
            }
        }
        return result
    }

    /// `parts` joined by `separator` (itself translated: `" or "`, `"; "`), each translated
    /// with the whole.
    public static func joined(_ parts: [Localized], separator: Localized) -> Localized {
        guard var result = parts.first else { return "" }
        for part in parts.dropFirst() { result = "\(result)\(separator)\(part)" }
        return result
    }

    static func escaped(_ literal: String) -> String {
        literal.replacingOccurrences(of: "%", with: "%%")
    }
}

extension Localized.Value {
    /// The value's text in the catalog's language.
    func resolved(in catalog: [String: String]) -> String {
        switch self {
        case .text(let text): return text
        case .localized(let localized): return localized.resolved(in: catalog)
        }
    }
}

/// Stored as `{"key": "…", "values": ["text", {"key": …}]}`: a text kept in the database is
/// shown later in each reader's language.
extension Localized: Codable {
    private enum CodingKeys: String, CodingKey { case key, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        values = try container.decodeIfPresent([Value].self, forKey: .values) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        if !values.isEmpty { try container.encode(values, forKey: .values) }
    }
}

extension Localized.Value: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .localized(try container.decode(Localized.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .localized(let localized): try container.encode(localized)
        }
    }
}
