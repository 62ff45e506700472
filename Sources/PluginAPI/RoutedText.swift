/// Text a routing rule writes into an alert, a referral or a task, in which every value taken
/// from the record names the field it comes from.
///
/// Written as a string literal; a value can only be interpolated with its field's name, so a
/// rule cannot copy record content without declaring it:
///
/// ```swift
/// let summary: RoutedText = "Screening at crisis level in school \(field: "school_code", report.schoolCode)"
/// ```
///
/// The server shows each cited field only if every department the text reaches may read that
/// field of the record (``RecordTypeDeclaration/views``); otherwise the value is replaced by
/// ``withheldMark``.
public struct RoutedText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// A piece of the text.
    public enum Segment: Sendable, Hashable {
        /// Words of the rule itself.
        case literal(String)
        /// A value of the record's field `name`.
        case field(name: String, value: String)
    }

    /// What stands in the text for a value its readers may not see.
    public static let withheldMark = "[withheld]"

    /// The pieces, in order.
    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }

    public init(stringLiteral value: String) { segments = [.literal(value)] }

    public init(stringInterpolation: StringInterpolation) { segments = stringInterpolation.segments }

    /// The fields the text cites.
    public var fields: Set<String> {
        Set(segments.compactMap { if case .field(let name, _) = $0 { name } else { nil } })
    }

    /// The text with the value of every field `readable` refuses replaced by ``withheldMark``.
    public func rendered(showing readable: (String) -> Bool) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .field(let name, let value): readable(name) ? value : Self.withheldMark
            }
        }.joined()
    }

    /// `lhs` followed by `rhs`, so that a long text can be written over several lines.
    public static func + (lhs: RoutedText, rhs: RoutedText) -> RoutedText { RoutedText(lhs.segments + rhs.segments) }

    /// The whole text, every field shown.
    public var description: String { rendered { _ in true } }

    /// Appends text and fields; plain values have no interpolation, so each must name its field.
    public struct StringInterpolation: StringInterpolationProtocol {
        var segments: [Segment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { segments.append(.literal(literal)) }
        }

        /// The value of the record's field `name`, as text.
        public mutating func appendInterpolation(field name: String, _ value: String) {
            segments.append(.field(name: name, value: value))
        }

        /// The value of the record's field `name`, a number.
        public mutating func appendInterpolation<Value: BinaryInteger>(field name: String, _ value: Value) {
            segments.append(.field(name: name, value: String(value)))
        }

        /// A value of the rule itself, not of the record, such as a number of days it sets.
        public mutating func appendInterpolation(rule value: some CustomStringConvertible) {
            segments.append(.literal(value.description))
        }

        /// Another routed text, its fields kept.
        public mutating func appendInterpolation(_ text: RoutedText) {
            segments += text.segments
        }
    }
}
