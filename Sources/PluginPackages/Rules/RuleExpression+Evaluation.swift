extension RuleExpression {
    /// Whether `message`, a record of the type `schema` describes, satisfies the expression.
    /// An expression that was not checked against `schema` still evaluates: a comparison of
    /// values that cannot be compared is false.
    public func evaluate(_ message: RecordMessage, schema: any RecordSchema) -> Bool {
        root.holds(in: message, schema)
    }

    /// Whether `value` is blank: absent, text of only whitespace, or empty bytes, list or map.
    static func isBlank(_ value: RecordValue?) -> Bool {
        switch value {
        case nil: true
        case .string(let text): text.allSatisfy(\.isWhitespace)
        case .bytes(let data): data.isEmpty
        case .list(let elements): elements.isEmpty
        case .map(let entries): entries.isEmpty
        default: false
        }
    }
}

extension RuleExpression.Node {
    /// A value a comparison reads.
    private enum Operand {
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case text(String)
        case enumeration(name: String?, number: Int32)
        case timestamp(seconds: Int64, nanos: Int32)

        init(_ literal: RuleExpression.Literal) {
            switch literal {
            case .bool(let value): self = .bool(value)
            case .integer(let value): self = .int(value)
            case .decimal(let value): self = .double(value)
            case .text(let value): self = .text(value)
            }
        }

        /// The operand for a record value; `nil` for bytes, lists, maps and messages.
        init?(_ value: RecordValue) {
            switch value {
            case .bool(let value): self = .bool(value)
            case .int(let value): self = .int(value)
            case .uint(let value): self = .uint(value)
            case .double(let value): self = .double(value)
            case .string(let value): self = .text(value)
            case .enumeration(let name, let number): self = .enumeration(name: name, number: number)
            case .timestamp(let seconds, let nanos): self = .timestamp(seconds: seconds, nanos: nanos)
            case .bytes, .list, .map, .message: return nil
            }
        }

        /// The operand as a number: numbers, and enums by their number.
        private var number: Operand? {
            switch self {
            case .int, .uint, .double: self
            case .enumeration(_, let number): .int(Int64(number))
            case .bool, .text, .timestamp: nil
            }
        }

        /// Whether the operands are equal; `nil` if they cannot be compared.
        func equals(_ other: Operand) -> Bool? {
            switch (self, other) {
            case (.bool(let left), .bool(let right)): left == right
            case (.enumeration(let name, _), .text(let text)), (.text(let text), .enumeration(let name, _)): name == text
            default: order(other).map { $0 == 0 }
            }
        }

        /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`; `nil` if they
        /// cannot be ordered.
        func order(_ other: Operand) -> Int? {
            func sign<T: Comparable>(_ left: T, _ right: T) -> Int { left < right ? -1 : left == right ? 0 : 1 }
            switch (self, other) {
            case (.text(let left), .text(let right)):
                return sign(left, right)
            case (.timestamp(let leftSeconds, let leftNanos), .timestamp(let rightSeconds, let rightNanos)):
                return leftSeconds == rightSeconds ? sign(leftNanos, rightNanos) : sign(leftSeconds, rightSeconds)
            default:
                break
            }
            switch (number, other.number) {
            case (.int(let left), .int(let right)): return sign(left, right)
            case (.uint(let left), .uint(let right)): return sign(left, right)
            case (.int(let left), .uint(let right)): return left < 0 ? -1 : sign(UInt64(left), right)
            case (.uint(let left), .int(let right)): return right < 0 ? 1 : sign(left, UInt64(right))
            case (.double(let left), .double(let right)): return left.isNaN || right.isNaN ? nil : sign(left, right)
            case (.double(let left), .int(let right)): return left.isNaN ? nil : sign(left, Double(right))
            case (.double(let left), .uint(let right)): return left.isNaN ? nil : sign(left, Double(right))
            case (.int(let left), .double(let right)): return right.isNaN ? nil : sign(Double(left), right)
            case (.uint(let left), .double(let right)): return right.isNaN ? nil : sign(Double(left), right)
            default: return nil
            }
        }
    }

    /// Whether the node, read as a condition, holds for `message`.
    func holds(in message: RecordMessage, _ schema: any RecordSchema) -> Bool {
        switch self {
        case .literal(let literal): return literal == .bool(true)
        case .field(let path): return schema.value(at: path, in: message) == .bool(true)
        case .function(.present, let path): return message.value(at: path) != nil
        case .function(.blank, let path): return RuleExpression.isBlank(schema.value(at: path, in: message))
        case .function(.len, _), .function(.countNonblank, _): return false
        case .not(let operand): return !operand.holds(in: message, schema)
        case .all(let operands): return operands.allSatisfy { $0.holds(in: message, schema) }
        case .any(let operands): return operands.contains { $0.holds(in: message, schema) }
        case .comparison(let left, let comparison, let right):
            guard let left = left.operand(in: message, schema), let right = right.operand(in: message, schema) else { return false }
            switch comparison {
            case .equal: return left.equals(right) ?? false
            case .notEqual: return left.equals(right).map(!) ?? false
            case .less: return left.order(right).map { $0 < 0 } ?? false
            case .lessOrEqual: return left.order(right).map { $0 <= 0 } ?? false
            case .greater: return left.order(right).map { $0 > 0 } ?? false
            case .greaterOrEqual: return left.order(right).map { $0 >= 0 } ?? false
            }
        case .membership(let operand, let literals):
            guard let value = operand.operand(in: message, schema) else { return false }
            return literals.contains { value.equals(Operand($0)) ?? false }
        }
    }

    /// The value the node gives a comparison; `nil` when there is none to compare.
    private func operand(in message: RecordMessage, _ schema: any RecordSchema) -> Operand? {
        switch self {
        case .literal(let literal):
            return Operand(literal)
        case .field(let path):
            return schema.value(at: path, in: message).flatMap(Operand.init)
        case .function(.len, let path):
            switch schema.value(at: path, in: message) {
            case .string(let text): return .int(Int64(text.count))
            case .bytes(let data): return .int(Int64(data.count))
            case .list(let elements): return .int(Int64(elements.count))
            case .map(let entries): return .int(Int64(entries.count))
            case nil: return .int(0)
            default: return nil
            }
        case .function(.countNonblank, let path):
            switch schema.value(at: path, in: message) {
            case .list(let elements): return .int(Int64(elements.count { !RuleExpression.isBlank($0) }))
            case nil: return .int(0)
            default: return nil
            }
        case .function(.present, _), .function(.blank, _), .not, .all, .any, .comparison, .membership:
            return .bool(holds(in: message, schema))
        }
    }
}
