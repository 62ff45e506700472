import Foundation
import PluginAPI

/// Text of a routing rule in which `{field}` cites a field of the record, e.g.
/// `"Grade {risk_grade} patient in {township_code} needs a joint follow-up"`; `{{` and `}}`
/// write a brace.
///
/// Rendered into a ``RoutedText`` whose cited values are `.field` segments, so the server shows
/// each only to readers who may see that field. A nested path (`{guardian.phone}`) is cited
/// under its top-level field (`guardian`), the unit a record type declares sensitivities for.
public struct RuleTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The longest template, in characters.
    public static let maximumLength = 2000

    /// A piece of the template.
    enum Part: Sendable, Hashable {
        case literal(String)
        case field(String)
    }

    let parts: [Part]

    /// The template written in `text`; the error names the column of the first mistake.
    public static func parse(_ text: String) throws(RuleError) -> RuleTemplate {
        guard text.count <= maximumLength else {
            throw RuleError("a text is at most \(maximumLength) characters; this one has \(text.count)")
        }
        let characters = Array(text)
        var parts: [Part] = []
        var literal = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "{" && next == "{" || character == "}" && next == "}" {
                literal.append(character)
                index += 2
            } else if character == "}" {
                throw RuleError("at column \(index + 1): '}' closes no field; write '}}' for a brace")
            } else if character == "{" {
                guard let close = characters[index...].firstIndex(of: "}") else {
                    throw RuleError("at column \(index + 1): '{' opens a field that is never closed; write '{{' for a brace")
                }
                let path = String(characters[(index + 1)..<close]).trimmingCharacters(in: .whitespaces)
                guard isFieldPath(path) else {
                    let shown = path.isEmpty ? "'{}' names no field" : "'\(path)' is not a field path"
                    throw RuleError("at column \(index + 1): \(shown); write '{{' for a brace")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.field(path))
                index = close + 1
            } else {
                literal.append(character)
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return RuleTemplate(parts: parts)
    }

    /// Whether `text` is names joined by dots.
    private static func isFieldPath(_ text: String) -> Bool {
        let names = text.split(separator: ".", omittingEmptySubsequences: false)
        return names.allSatisfy { name in
            guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
            return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
    }

    /// Every field path the template cites.
    public var fieldPaths: Set<String> {
        Set(parts.compactMap { if case .field(let path) = $0 { path } else { nil } })
    }

    /// The words of the template without its fields, e.g. to see that a justification says
    /// enough on its own.
    var literalText: String {
        parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }

    /// Checks that every cited path names a field of the record type and not a whole message.
    public func check(against schema: any RecordSchema) throws(RuleError) {
        for case .field(let path) in parts {
            if try RuleExpression.fieldKind(at: path, in: schema) == .message {
                throw RuleError("{\(path)} is a message; cite one of its fields, e.g. {\(path).name}")
            }
        }
    }

    /// The text for `message`, every cited value a `.field` segment.
    public func render(_ message: RecordMessage, schema: any RecordSchema) -> RoutedText {
        RoutedText(parts.map { part in
            switch part {
            case .literal(let text):
                return .literal(text)
            case .field(let path):
                let name = String(path.prefix { $0 != "." })
                return .field(name: name, value: schema.value(at: path, in: message)?.readableText ?? "")
            }
        })
    }

    /// The template as written, braces of its words doubled.
    public var description: String {
        parts.map { part in
            switch part {
            case .literal(let text): text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
            case .field(let path): "{\(path)}"
            }
        }.joined()
    }
}

extension RuleTemplate: Codable {
    /// Decodes the template from its text.
    public init(from decoder: any Decoder) throws {
        self = try Self.parse(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the template's text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
