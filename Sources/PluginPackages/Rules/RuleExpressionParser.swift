/// Recursive descent over the tokens of a ``RuleExpression``, bounded by
/// ``RuleExpression/maximumDepth``.
struct RuleExpressionParser {
    typealias Node = RuleExpression.Node

    private let tokens: [RuleToken]
    private var position = 0
    private var depth = 0

    init(tokens: [RuleToken]) {
        self.tokens = tokens
    }

    private var current: RuleToken { tokens[position] }

    private func fail(_ message: String, at token: RuleToken) -> RuleError {
        RuleError("at column \(token.column): \(message)")
    }

    private func isSymbol(_ symbol: String) -> Bool {
        current.kind == .symbol(symbol)
    }

    private mutating func expect(_ symbol: String, _ purpose: String) throws(RuleError) {
        guard isSymbol(symbol) else { throw fail("expected '\(symbol)' \(purpose), found \(current.quoted)", at: current) }
        position += 1
    }

    /// Enters one level of nesting at `token`.
    private mutating func descend(at token: RuleToken) throws(RuleError) {
        depth += 1
        guard depth <= RuleExpression.maximumDepth else {
            throw fail("the expression nests more than \(RuleExpression.maximumDepth) deep", at: token)
        }
    }

    /// The whole expression; every token must belong to it.
    mutating func parseWhole() throws(RuleError) -> Node {
        if current.kind == .end { throw fail("the expression is empty", at: current) }
        let node = try parseOr()
        guard current.kind == .end else {
            throw fail("expected '&&', '||' or the end of the expression, found \(current.quoted)", at: current)
        }
        return node
    }

    private mutating func parseOr() throws(RuleError) -> Node {
        var operands = [try parseAnd()]
        while isSymbol("||") {
            position += 1
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .any(operands)
    }

    private mutating func parseAnd() throws(RuleError) -> Node {
        var operands = [try parseUnary()]
        while isSymbol("&&") {
            position += 1
            operands.append(try parseUnary())
        }
        return operands.count == 1 ? operands[0] : .all(operands)
    }

    private mutating func parseUnary() throws(RuleError) -> Node {
        guard isSymbol("!") else { return try parseComparison() }
        let bang = current
        position += 1
        try descend(at: bang)
        defer { depth -= 1 }
        return .not(try parseUnary())
    }

    private mutating func parseComparison() throws(RuleError) -> Node {
        let left = try parseOperand()
        var node = left
        if case .symbol(let symbol) = current.kind, let comparison = RuleExpression.Comparison(rawValue: symbol) {
            position += 1
            node = .comparison(left, comparison, try parseOperand())
        } else if current.kind == .name("in") {
            position += 1
            try expect("[", "to open the list after 'in'")
            var literals = [try parseLiteral()]
            while isSymbol(",") {
                position += 1
                literals.append(try parseLiteral())
            }
            try expect("]", "to close the list after 'in'")
            node = .membership(left, literals)
        } else {
            return node
        }
        if case .symbol(let symbol) = current.kind, RuleExpression.Comparison(rawValue: symbol) != nil {
            throw fail("comparisons cannot be chained; join them with '&&'", at: current)
        }
        if current.kind == .name("in") {
            throw fail("comparisons cannot be chained; join them with '&&'", at: current)
        }
        return node
    }

    private mutating func parseLiteral() throws(RuleError) -> RuleExpression.Literal {
        let token = current
        position += 1
        switch token.kind {
        case .integer(let value): return .integer(value)
        case .decimal(let value): return .decimal(value)
        case .text(let value): return .text(value)
        case .name("true"): return .bool(true)
        case .name("false"): return .bool(false)
        default: throw fail("expected a number, a quoted text, true or false in the list, found \(token.quoted)", at: token)
        }
    }

    private mutating func parseOperand() throws(RuleError) -> Node {
        let token = current
        switch token.kind {
        case .integer, .decimal, .text, .name("true"), .name("false"):
            return .literal(try parseLiteral())
        case .symbol("("):
            position += 1
            try descend(at: token)
            defer { depth -= 1 }
            let node = try parseOr()
            try expect(")", "to close the '(' at column \(token.column)")
            return node
        case .name(let name) where tokens[position + 1].kind == .symbol("("):
            guard let function = RuleExpression.Function(rawValue: name) else {
                let known = RuleExpression.Function.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown function '\(name)' (the functions are \(known))", at: token)
            }
            position += 2
            try descend(at: token)
            defer { depth -= 1 }
            guard case .name(let path) = current.kind, !["true", "false", "in"].contains(path) else {
                throw fail("\(name)() takes a field, e.g. \(name)(national_id); found \(current.quoted)", at: current)
            }
            position += 1
            try expect(")", "after the field of \(name)()")
            return .function(function, path)
        case .name("in"):
            throw fail("expected a field or a value before 'in'", at: token)
        case .name(let path):
            position += 1
            return .field(path)
        case .end:
            throw fail("the expression ends where a field or a value is expected", at: token)
        case .symbol:
            throw fail("expected a field or a value, found \(token.quoted)", at: token)
        }
    }
}
