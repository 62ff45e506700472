/// A condition of a plugin package's rules, written in a small declarative language an
/// administrator can review, e.g. `risk_grade >= 3 && medication != 'MEDICATION_NONE'`.
///
/// Grammar, loosest binding first:
///
/// ```text
/// expression := and ('||' and)*
/// and        := unary ('&&' unary)*
/// unary      := '!' unary | comparison
/// comparison := operand (('==' | '!=' | '<' | '<=' | '>' | '>=') operand | 'in' '[' literal (',' literal)* ']')?
/// operand    := literal | path | function '(' path ')' | '(' expression ')'
/// literal    := integer | decimal | 'text' | "text" | true | false
/// path       := name ('.' name)*
/// function   := present | blank | len | count_nonblank
/// ```
///
/// `!` applies to a whole comparison: `!x == 1` reads `!(x == 1)`. Text literals take the
/// escapes `\\`, `\'`, `\"`, `\n` and `\t`. An expression is at most ``maximumLength`` characters
/// and nests at most ``maximumDepth`` deep; it has no loops and no recursion beyond its tree,
/// so evaluating it always ends.
///
/// Values are read with ``RecordSchema/value(at:in:)``, so absent scalar fields read as their
/// proto3 defaults. A field under an absent message has no value: every comparison with it,
/// `==` and `!=` alike, is false. Enums compare with text by name (`==`, `!=`, `in`) and with
/// numbers by number; numbers compare across integer and decimal fields; timestamps with
/// timestamps; text with text; `true`/`false` with `==` and `!=`.
public struct RuleExpression: Sendable, Hashable, CustomStringConvertible {
    /// The longest expression, in characters.
    public static let maximumLength = 1000
    /// The deepest nesting of parentheses, `!` and function calls.
    public static let maximumDepth = 32

    /// A node of the expression tree.
    indirect enum Node: Sendable, Hashable {
        case literal(Literal)
        case field(String)
        case function(Function, String)
        case not(Node)
        /// Every operand holds (`&&`), two or more.
        case all([Node])
        /// Some operand holds (`||`), two or more.
        case any([Node])
        case comparison(Node, Comparison, Node)
        /// The operand equals one of the literals (`in [...]`).
        case membership(Node, [Literal])
    }

    /// A value written in the expression.
    enum Literal: Sendable, Hashable {
        case bool(Bool)
        case integer(Int64)
        case decimal(Double)
        case text(String)
    }

    /// A comparison operator, by its symbol.
    enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// `==` or `!=`.
        var isEquality: Bool { self == .equal || self == .notEqual }
    }

    /// A function of one field.
    enum Function: String, Sendable, Hashable, CaseIterable {
        /// The field is present in the decoded message.
        case present
        /// The field is absent, text of only whitespace, or an empty list or map.
        case blank
        /// The characters of text, the bytes of bytes, the elements of a list or map.
        case len
        /// The elements of a list of text that are not blank.
        case countNonblank = "count_nonblank"
    }

    let root: Node

    init(root: Node) {
        self.root = root
    }

    /// The expression written in `text`; the error names the column of the first mistake.
    public static func parse(_ text: String) throws(RuleError) -> RuleExpression {
        guard text.count <= maximumLength else {
            throw RuleError("an expression is at most \(maximumLength) characters; this one has \(text.count)")
        }
        var parser = RuleExpressionParser(tokens: try RuleToken.tokens(of: text))
        return RuleExpression(root: try parser.parseWhole())
    }

    /// Every field path the expression reads.
    public var fieldPaths: Set<String> {
        var paths: Set<String> = []
        func collect(_ node: Node) {
            switch node {
            case .literal: break
            case .field(let path), .function(_, let path): paths.insert(path)
            case .not(let operand), .membership(let operand, _): collect(operand)
            case .all(let operands), .any(let operands): operands.forEach(collect)
            case .comparison(let left, _, let right):
                collect(left)
                collect(right)
            }
        }
        collect(root)
        return paths
    }

    /// The canonical text of the expression, as the review screen shows it; parsing it gives
    /// the same expression.
    public var description: String { root.text }
}

extension RuleExpression: Codable {
    /// Decodes the expression from its text.
    public init(from decoder: any Decoder) throws {
        self = try Self.parse(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the canonical text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
