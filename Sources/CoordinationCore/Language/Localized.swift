/// Text written in English in the source, shown in the reader's language: the English, with
/// each interpolated value replaced by `%@`, is the key into a translation catalog.
///
/// ```swift
/// let text: Localized = "\(count) departments have voted"   // key "%@ departments have voted"
/// text.resolved(in: ["%@ departments have voted": "已有 %@ 个部门投票"])
/// ```
///
/// A translation takes the values in order (`%@`) or by position (`%2$@`); `%%` is a percent
/// sign. A key missing from the catalog shows the English.
public struct Localized: ExpressibleByStringInterpolation, Sendable, Hashable {
    /// The English with `%@` for each value and `%%` for each percent sign.
    public private(set) var key: String
    /// The interpolated values, as text.
    public private(set) var arguments: [String]

    public init(stringLiteral value: String) {
        key = Self.escaped(value)
        arguments = []
    }

    public init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
    }

    /// Builds the key and the values of an interpolated literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [String] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            key += Localized.escaped(literal)
        }

        public mutating func appendInterpolation(_ value: some Any) {
            key += "%@"
            arguments.append("\(value)")
        }
    }

    /// The text in the catalog's language (the English when the catalog lacks the key).
    public func resolved(in catalog: [String: String]) -> String {
        Self.fill(catalog[key] ?? key, with: arguments)
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

    static func escaped(_ literal: String) -> String {
        literal.replacingOccurrences(of: "%", with: "%%")
    }
}
