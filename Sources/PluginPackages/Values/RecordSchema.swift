/// What a field of a described record type holds, for checking rules before install.
public indirect enum FieldKind: Sendable, Hashable {
    case bool
    /// `int32`, `sint32`, `sfixed32`, `int64`, `sint64`, `sfixed64`.
    case int
    /// `uint32`, `fixed32`, `uint64`, `fixed64`.
    case uint
    /// `float`, `double`.
    case double
    case string
    case bytes
    /// An enum, with its declared value names in number order.
    case enumeration([String])
    /// `google.protobuf.Timestamp`.
    case timestamp
    /// Any other message.
    case message
    /// A repeated field of `element`.
    case list(FieldKind)
    /// A map field with values of `value`.
    case map(FieldKind)
}

/// A record type known from its package's descriptors: the fields rules may name, and their
/// values in a decoded record with proto3's defaults filled in.
public protocol RecordSchema: Sendable {
    /// The fully-qualified message name, e.g. `"coordination.health.v1.FollowUpVisit"`.
    var messageName: String { get }
    /// The names of the message's own fields, in declaration order.
    var fieldNames: [String] { get }
    /// The kind of the field at a dotted path (`"guardian.phone"`); `nil` if there is none.
    func kind(at path: String) -> FieldKind?
    /// The value at a dotted path in `message`. An absent singular scalar or enum field reads
    /// as its proto3 default (0, `false`, `""`, the enum's first value), an absent repeated or
    /// map field as empty; an absent message field, or any field under one, is `nil`.
    func value(at path: String, in message: RecordMessage) -> RecordValue?
}
