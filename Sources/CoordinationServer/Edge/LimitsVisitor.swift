import CoordinationCore
import Foundation
import SwiftProtobuf

/// Walks one request message, field by field, and notes every value outside its
/// ``FieldLimits``. Nested messages are walked with their own schema; the record inside a
/// `google.protobuf.Any` is walked too when `recordType` knows its type.
struct LimitsVisitor: SwiftProtobuf.Visitor {
    let schema: RequestSchema
    let now: Date
    /// The message type of a record's type name, for the contents of `Any` fields.
    let recordType: @Sendable (String) -> (any SwiftProtobuf.Message.Type)?
    /// The most violations collected before the walk stops.
    static let maximumViolations = 20

    private(set) var violations: [CoordinationError.Violation] = []
    private var fields: [Int: RequestSchema.Field] = [:]
    private var path = ""

    init(
        schema: RequestSchema, now: Date,
        recordType: @escaping @Sendable (String) -> (any SwiftProtobuf.Message.Type)?
    ) {
        self.schema = schema
        self.now = now
        self.recordType = recordType
    }

    /// Walks `message` with the fields of its type; `prefix` names its place (`"context."`).
    mutating func walk(_ message: any SwiftProtobuf.Message, prefix: String = "") {
        let saved = (fields, path)
        fields = schema.messages[type(of: message).protoMessageName] ?? [:]
        path = prefix
        defer { (fields, path) = saved }
        try? message.traverse(visitor: &self)
    }

    // MARK: Noting problems

    private struct Enough: Error {}

    private mutating func note(_ field: String, _ problem: Localized) throws {
        violations.append(.init(field: field, description: problem))
        if violations.count >= Self.maximumViolations { throw Enough() }
    }

    private func name(_ number: Int, index: Int? = nil) -> String {
        let name = path + (fields[number]?.name ?? "#\(number)")
        return index.map { "\(name)[\($0)]" } ?? name
    }

    private func limits(_ number: Int) -> FieldLimits { fields[number]?.limits ?? FieldLimits() }

    private mutating func count(_ items: Int, _ number: Int) throws {
        let limit = limits(number).maxItems
        if items > limit { try note(name(number), "must have at most \(limit) items") }
    }

    private mutating func text(_ value: String, _ number: Int, index: Int? = nil) throws {
        if let problem = limits(number).problem(withText: value) { try note(name(number, index: index), problem) }
    }

    private mutating func integer(_ value: Int64, _ number: Int, index: Int? = nil) throws {
        if let problem = limits(number).problem(withInteger: value) { try note(name(number, index: index), problem) }
    }

    private mutating func real(_ value: Double, _ number: Int, index: Int? = nil) throws {
        if !value.isFinite { try note(name(number, index: index), "must be a finite number") }
    }

    private mutating func enumeration(_ raw: Int, _ number: Int, index: Int? = nil) throws {
        guard let enumName = fields[number]?.enumName, let known = schema.enums[enumName] else { return }
        if !known.contains(raw) { try note(name(number, index: index), "is not a value this API defines") }
    }

    private mutating func message(_ value: any SwiftProtobuf.Message, _ number: Int, index: Int? = nil) throws {
        let field = name(number, index: index)
        switch value {
        case let timestamp as Google_Protobuf_Timestamp:
            if let problem = limits(number).problem(withSeconds: timestamp.seconds, nanos: timestamp.nanos, now: now) {
                try note(field, problem)
            }
        case let any as Google_Protobuf_Any:
            try text(any.typeURL, number, index: index)
            let typeName = String(any.typeURL.split(separator: "/").last ?? "")
            if let type = recordType(typeName), let record = try? type.init(unpackingAny: any) {
                try nested(record, prefix: field + ".")
            }
        default:
            try nested(value, prefix: field + ".")
        }
    }

    private mutating func nested(_ value: any SwiftProtobuf.Message, prefix: String) throws {
        walk(value, prefix: prefix)
        if violations.count >= Self.maximumViolations { throw Enough() }
    }

    // MARK: Visitor

    mutating func visitUnknown(bytes: Data) throws {}

    mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {
        try real(value, fieldNumber)
    }

    mutating func visitSingularFloatField(value: Float, fieldNumber: Int) throws {
        try real(Double(value), fieldNumber)
    }

    mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {
        try integer(value, fieldNumber)
    }

    mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {
        try integer(Int64(clamping: value), fieldNumber)
    }

    mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}

    mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {
        try text(value, fieldNumber)
    }

    mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {
        let limit = limits(fieldNumber).maxBytes
        if value.count > limit { try note(name(fieldNumber), "must be at most \(limit) bytes") }
    }

    mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {
        try enumeration(value.rawValue, fieldNumber)
    }

    mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
        try message(value, fieldNumber)
    }

    mutating func visitSingularGroupField<G: SwiftProtobuf.Message>(value: G, fieldNumber: Int) throws {
        try message(value, fieldNumber)
    }

    mutating func visitRepeatedStringField(value: [String], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        for (index, item) in value.enumerated() { try text(item, fieldNumber, index: index) }
    }

    mutating func visitRepeatedBytesField(value: [Data], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        let limit = limits(fieldNumber).maxBytes
        for (index, item) in value.enumerated() where item.count > limit {
            try note(name(fieldNumber, index: index), "must be at most \(limit) bytes")
        }
    }

    mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        for (index, item) in value.enumerated() { try message(item, fieldNumber, index: index) }
    }

    mutating func visitRepeatedGroupField<G: SwiftProtobuf.Message>(value: [G], fieldNumber: Int) throws {
        try visitRepeatedMessageField(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        for (index, item) in value.enumerated() { try enumeration(item.rawValue, fieldNumber, index: index) }
    }

    mutating func visitPackedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
        try visitRepeatedEnumField(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedDoubleField(value: [Double], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        for (index, item) in value.enumerated() { try real(item, fieldNumber, index: index) }
    }

    mutating func visitPackedDoubleField(value: [Double], fieldNumber: Int) throws {
        try visitRepeatedDoubleField(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedFloatField(value: [Float], fieldNumber: Int) throws {
        try visitRepeatedDoubleField(value: value.map(Double.init), fieldNumber: fieldNumber)
    }

    mutating func visitPackedFloatField(value: [Float], fieldNumber: Int) throws {
        try visitRepeatedFloatField(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedInt64Field(value: [Int64], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
        for (index, item) in value.enumerated() { try integer(item, fieldNumber, index: index) }
    }

    mutating func visitPackedInt64Field(value: [Int64], fieldNumber: Int) throws {
        try visitRepeatedInt64Field(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedInt32Field(value: [Int32], fieldNumber: Int) throws {
        try visitRepeatedInt64Field(value: value.map(Int64.init), fieldNumber: fieldNumber)
    }

    mutating func visitPackedInt32Field(value: [Int32], fieldNumber: Int) throws {
        try visitRepeatedInt32Field(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedUInt64Field(value: [UInt64], fieldNumber: Int) throws {
        try visitRepeatedInt64Field(value: value.map { Int64(clamping: $0) }, fieldNumber: fieldNumber)
    }

    mutating func visitPackedUInt64Field(value: [UInt64], fieldNumber: Int) throws {
        try visitRepeatedUInt64Field(value: value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedBoolField(value: [Bool], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
    }

    mutating func visitPackedBoolField(value: [Bool], fieldNumber: Int) throws {
        try count(value.count, fieldNumber)
    }

    mutating func visitMapField<KeyType, ValueType: MapValueType>(
        fieldType: _ProtobufMap<KeyType, ValueType>.Type, value: _ProtobufMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws {
        try count(value.count, fieldNumber)
        for (key, item) in value {
            if let key = key as? String { try text(key, fieldNumber) }
            if let item = item as? String { try text(item, fieldNumber) }
            if let item = item as? Double { try real(item, fieldNumber) }
        }
    }

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type, value: _ProtobufEnumMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws where ValueType.RawValue == Int {
        try count(value.count, fieldNumber)
        for key in value.keys {
            if let key = key as? String { try text(key, fieldNumber) }
        }
    }

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type,
        value: _ProtobufMessageMap<KeyType, ValueType>.BaseType, fieldNumber: Int
    ) throws {
        try count(value.count, fieldNumber)
        for (key, item) in value {
            if let key = key as? String { try text(key, fieldNumber) }
            try nested(item, prefix: name(fieldNumber) + ".")
        }
    }
}
