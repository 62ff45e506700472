import Foundation

/// A value of a record whose type is known only from its package's descriptors: what the
/// wire decoder produces and what rules read.
///
/// Integers keep their protobuf signedness: `int32`, `sint32`, `sfixed32`, `int64`, `sint64`
/// and `sfixed64` are ``int(_:)``; `uint32`, `fixed32`, `uint64` and `fixed64` are ``uint(_:)``;
/// `float` and `double` are ``double(_:)``.
public indirect enum RecordValue: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes(Data)
    /// An enum value: its declared name (`nil` for a number the descriptor does not declare).
    case enumeration(name: String?, number: Int32)
    /// A `google.protobuf.Timestamp`.
    case timestamp(seconds: Int64, nanos: Int32)
    /// A repeated field's elements, in wire order.
    case list([RecordValue])
    /// A map field, keyed by the key's proto3 JSON text (`"7"`, `"true"`, `"name"`).
    case map([String: RecordValue])
    /// A message: its present fields, in field-number order.
    case message(RecordMessage)
}

/// The present fields of a decoded message, in field-number order, by proto field name.
public struct RecordMessage: Sendable, Hashable {
    /// One present field.
    public struct Field: Sendable, Hashable {
        /// The proto field name, e.g. `"risk_grade"`.
        public var name: String
        public var value: RecordValue

        public init(name: String, value: RecordValue) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(fields: [Field] = []) {
        self.fields = fields
    }

    /// The value of the field named `name`, if present.
    public subscript(name: String) -> RecordValue? {
        fields.first { $0.name == name }?.value
    }

    /// The value at a dotted path of field names through nested messages, e.g.
    /// `"guardian.phone"`; `nil` when any step is absent or not a message.
    public func value(at path: String) -> RecordValue? {
        var message = self
        let steps = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for (index, step) in steps.enumerated() {
            guard let value = message[step] else { return nil }
            if index == steps.count - 1 { return value }
            guard case .message(let inner) = value else { return nil }
            message = inner
        }
        return nil
    }
}
