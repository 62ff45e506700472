import Foundation

extension RuleExpression.Node {
    /// How tightly the node binds: a child binding less tightly than its place needs is
    /// parenthesised.
    private var binding: Int {
        switch self {
        case .any: 1
        case .all: 2
        case .comparison, .membership: 3
        case .not: 4
        case .literal, .field, .function: 5
        }
    }

    /// The canonical text of the node.
    var text: String {
        func wrapped(_ node: Self, above minimum: Int) -> String {
            node.binding > minimum ? node.text : "(\(node.text))"
        }
        switch self {
        case .literal(let literal): return literal.text
        case .field(let path): return path
        case .function(let function, let path): return "\(function.rawValue)(\(path))"
        case .not(let operand): return "!" + wrapped(operand, above: 3)
        case .all(let operands): return operands.map { wrapped($0, above: 2) }.joined(separator: " && ")
        case .any(let operands): return operands.map { wrapped($0, above: 1) }.joined(separator: " || ")
        case .comparison(let left, let comparison, let right):
            return "\(wrapped(left, above: 3)) \(comparison.rawValue) \(wrapped(right, above: 3))"
        case .membership(let operand, let literals):
            return "\(wrapped(operand, above: 3)) in [\(literals.map(\.text).joined(separator: ", "))]"
        }
    }
}

extension RuleExpression.Literal {
    /// The literal as the language writes it.
    var text: String {
        switch self {
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .decimal(let value): String(value)
        case .text(let value):
            "'"
                + value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "\\'")
                .replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\t", with: "\\t")
                + "'"
        }
    }
}
