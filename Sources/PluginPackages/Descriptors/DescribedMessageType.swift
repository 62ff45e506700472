/// One message type of a ``DescriptorPool``: decodes and encodes its records and tells rules
/// about its fields.
public struct DescribedMessageType: RecordSchema {
    let layout: MessageLayout
    /// Every message type of the pool, for the types of nested fields.
    let layouts: [String: MessageLayout]

    /// The fully-qualified message name, e.g. `"coordination.health.v1.FollowUpVisit"`.
    public var messageName: String { layout.name }

    /// The names of the message's own fields, in declaration order.
    public var fieldNames: [String] { layout.fields.map(\.name) }

    /// The kind of the field at a dotted path through singular message fields
    /// (`"guardian.phone"`); `nil` if there is none.
    public func kind(at path: String) -> FieldKind? {
        var current = layout
        let steps = path.split(separator: ".", omittingEmptySubsequences: false)
        for (index, step) in steps.enumerated() {
            guard let field = current.field(named: String(step)) else { return nil }
            if index == steps.count - 1 { return kind(of: field) }
            guard let inner = nestedLayout(of: field) else { return nil }
            current = inner
        }
        return nil
    }

    /// The value at a dotted path in `message`. An absent singular scalar or enum field reads
    /// as its proto3 default (0, `false`, `""`, the enum's first value), an absent repeated or
    /// map field as empty; an absent message field, or any field under one, is `nil`.
    public func value(at path: String, in message: RecordMessage) -> RecordValue? {
        var current = layout
        var record = message
        let steps = path.split(separator: ".", omittingEmptySubsequences: false)
        for (index, step) in steps.enumerated() {
            guard let field = current.field(named: String(step)) else { return nil }
            let present = record[field.name]
            if index == steps.count - 1 { return present ?? absentValue(of: field) }
            guard let inner = nestedLayout(of: field), case .message(let innerRecord)? = present else { return nil }
            current = inner
            record = innerRecord
        }
        return nil
    }

    /// The layout of the message a path may continue into: a singular message field whose value
    /// is a ``RecordValue/message(_:)``.
    private func nestedLayout(of field: MessageLayout.Field) -> MessageLayout? {
        guard case .single = field.cardinality, case .message(let name) = field.type, let inner = layouts[name] else {
            return nil
        }
        switch inner.wellKnownType {
        case nil, .duration: return inner
        case .timestamp, .wrapper: return nil
        }
    }

    private func kind(of field: MessageLayout.Field) -> FieldKind {
        switch field.cardinality {
        case .single: kind(of: field.type)
        case .repeated: .list(kind(of: field.type))
        case .map(_, let value): .map(kind(of: value.type))
        }
    }

    private func kind(of type: MessageLayout.FieldType) -> FieldKind {
        switch type {
        case .scalar(let scalar): return scalar.kind
        case .enumeration(let layout): return .enumeration(layout.namesInNumberOrder)
        case .message(let name):
            switch layouts[name]?.wellKnownType {
            case .timestamp: return .timestamp
            case .wrapper(let scalar): return scalar.kind
            case .duration, nil: return .message
            }
        }
    }

    /// What an absent field reads as.
    private func absentValue(of field: MessageLayout.Field) -> RecordValue? {
        switch field.cardinality {
        case .single: field.defaultValue
        case .repeated: .list([])
        case .map: .map([:])
        }
    }
}
