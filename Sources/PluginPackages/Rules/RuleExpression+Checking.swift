extension RuleExpression {
    /// What an operand of an expression holds, as far as the schema tells before any record.
    enum OperandType: Sendable, Hashable {
        case bool
        case number
        case text
        case enumeration([String])
        case timestamp
        case bytes
        case list(FieldKind)
        case map
        case message

        init(_ kind: FieldKind) {
            switch kind {
            case .bool: self = .bool
            case .int, .uint, .double: self = .number
            case .string: self = .text
            case .bytes: self = .bytes
            case .enumeration(let names): self = .enumeration(names)
            case .timestamp: self = .timestamp
            case .message: self = .message
            case .list(let element): self = .list(element)
            case .map: self = .map
            }
        }

        init(_ literal: Literal) {
            switch literal {
            case .bool: self = .bool
            case .integer, .decimal: self = .number
            case .text: self = .text
            }
        }

        /// The type in words: "risk_grade is a number".
        var phrase: String {
            switch self {
            case .bool: "true or false"
            case .number: "a number"
            case .text: "text"
            case .enumeration: "an enum"
            case .timestamp: "a time"
            case .bytes: "bytes"
            case .list(.string): "a list of text"
            case .list: "a list"
            case .map: "a map"
            case .message: "a message"
            }
        }
    }

    /// Checks the expression against the record type it will read: every path names a field,
    /// every comparison is between comparable kinds, every enum name is declared, every function
    /// gets a field of a kind it takes, and the whole is a condition.
    public func check(against schema: any RecordSchema) throws(RuleError) {
        try Self.requireCondition(root, schema)
    }

    /// The kind of the field at `path`, or the error naming the record type.
    static func fieldKind(at path: String, in schema: any RecordSchema) throws(RuleError) -> FieldKind {
        guard let kind = schema.kind(at: path) else {
            throw RuleError("'\(path)' is not a field of \(schema.messageName)")
        }
        return kind
    }

    private static func requireCondition(_ node: Node, _ schema: any RecordSchema) throws(RuleError) {
        let type = try type(of: node, schema)
        guard type == .bool else {
            let hint = type == .number ? "; compare it, e.g. \(node.text) > 0" : ""
            throw RuleError("\(node.text) is \(type.phrase), not a condition\(hint)")
        }
    }

    private static func type(of node: Node, _ schema: any RecordSchema) throws(RuleError) -> OperandType {
        switch node {
        case .literal(let literal):
            return OperandType(literal)
        case .field(let path):
            return OperandType(try fieldKind(at: path, in: schema))
        case .function(let function, let path):
            let type = OperandType(try fieldKind(at: path, in: schema))
            switch (function, type) {
            case (.present, _):
                return .bool
            case (.blank, .text), (.blank, .bytes), (.blank, .list), (.blank, .map), (.blank, .message), (.blank, .timestamp):
                return .bool
            case (.len, .text), (.len, .bytes), (.len, .list), (.len, .map), (.countNonblank, .list(.string)):
                return .number
            case (.blank, _):
                throw RuleError("blank() takes text, a list, a map or a message; \(path) is \(type.phrase)")
            case (.len, _):
                throw RuleError("len() takes text, bytes, a list or a map; \(path) is \(type.phrase)")
            case (.countNonblank, _):
                throw RuleError("count_nonblank() takes a list of text; \(path) is \(type.phrase)")
            }
        case .not(let operand):
            try requireCondition(operand, schema)
            return .bool
        case .all(let operands), .any(let operands):
            for operand in operands { try requireCondition(operand, schema) }
            return .bool
        case .comparison(let left, let comparison, let right):
            try requireComparable(left, try type(of: left, schema), comparison, right, try type(of: right, schema))
            return .bool
        case .membership(let operand, let literals):
            let type = try type(of: operand, schema)
            for literal in literals {
                try requireComparable(operand, type, .equal, .literal(literal), OperandType(literal))
            }
            return .bool
        }
    }

    private static func requireComparable(
        _ left: Node, _ leftType: OperandType, _ comparison: Comparison, _ right: Node, _ rightType: OperandType
    ) throws(RuleError) {
        switch (leftType, rightType) {
        case (.number, .number), (.text, .text), (.timestamp, .timestamp):
            return
        case (.bool, .bool):
            guard comparison.isEquality else {
                throw RuleError("\(left.text) and \(right.text) are true or false: compare them with == or !=, not \(comparison.rawValue)")
            }
        case (.enumeration(let names), .text), (.text, .enumeration(let names)):
            let (enumeration, other) = leftType == .text ? (right, left) : (left, right)
            guard case .literal(.text(let name)) = other else {
                throw RuleError("\(enumeration.text) is an enum: compare it with a value name in quotes or a number, not with \(other.text)")
            }
            guard comparison.isEquality else {
                throw RuleError("\(enumeration.text) is an enum: compare its value names with ==, != or in, not \(comparison.rawValue)")
            }
            guard names.contains(name) else {
                throw RuleError("'\(name)' is not a value of \(enumeration.text) (\(listed(names)))")
            }
        case (.enumeration, .number), (.number, .enumeration):
            return
        case (.enumeration(let leftNames), .enumeration(let rightNames)):
            guard leftNames == rightNames else {
                throw RuleError("\(left.text) and \(right.text) are different enums and cannot be compared")
            }
        default:
            let counting: Node? =
                switch (leftType, rightType) {
                case (.list, _), (.map, _): left
                case (_, .list), (_, .map): right
                default: nil
                }
            let rightWords = if case .literal = right { right.text } else { "\(right.text), which is \(rightType.phrase)" }
            let hint = counting.map { "; count its elements with len(\($0.text))" } ?? ""
            throw RuleError("\(left.text) is \(leftType.phrase) and cannot be compared with \(rightWords)\(hint)")
        }
    }

    /// An enum's value names for an error message, the first dozen.
    private static func listed(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", …"
    }
}
