/// A message type of a descriptor set with its field types resolved: what the wire decoder, the
/// JSON writer and the JSON encoder walk.
struct MessageLayout: Sendable {
    /// What one value of a field is.
    enum FieldType: Sendable {
        case scalar(ScalarType)
        case enumeration(EnumLayout)
        /// A message, by fully-qualified name.
        case message(String)
    }

    /// How many values a field holds.
    indirect enum Cardinality: Sendable {
        case single
        case repeated
        /// A map field: the entry message's key and value fields.
        case map(key: Field, value: Field)
    }

    /// One declared field.
    struct Field: Sendable {
        var number: Int
        /// The proto field name, e.g. `"risk_grade"`.
        var name: String
        /// The proto3 JSON name, e.g. `"riskGrade"`.
        var jsonName: String
        var type: FieldType
        var cardinality: Cardinality
        /// Whether a zero value is kept: message fields, proto3 `optional` fields, oneof members
        /// and proto2 singular fields.
        var hasPresence: Bool
        /// The index of the oneof the field belongs to (not the synthetic oneof of a proto3
        /// `optional` field).
        var oneofIndex: Int?
        /// Whether the encoder packs the repeated values.
        var isPacked: Bool

        /// The default of a single value of this field.
        var defaultValue: RecordValue? {
            switch type {
            case .scalar(let scalar): scalar.defaultValue
            case .enumeration(let layout): layout.defaultValue
            case .message: nil
            }
        }
    }

    /// Message types that proto3 JSON writes in a form of their own.
    enum WellKnownType: Sendable {
        /// `google.protobuf.Timestamp`, a ``RecordValue/timestamp(seconds:nanos:)``.
        case timestamp
        /// `google.protobuf.Duration`, a message of `seconds` and `nanos` written as `"1.5s"`.
        case duration
        /// `google.protobuf.StringValue` and the other wrappers: the wrapped value itself.
        case wrapper(ScalarType)

        init?(messageName: String) {
            switch messageName {
            case "google.protobuf.Timestamp": self = .timestamp
            case "google.protobuf.Duration": self = .duration
            case "google.protobuf.DoubleValue": self = .wrapper(.double)
            case "google.protobuf.FloatValue": self = .wrapper(.float)
            case "google.protobuf.Int64Value": self = .wrapper(.int64)
            case "google.protobuf.UInt64Value": self = .wrapper(.uint64)
            case "google.protobuf.Int32Value": self = .wrapper(.int32)
            case "google.protobuf.UInt32Value": self = .wrapper(.uint32)
            case "google.protobuf.BoolValue": self = .wrapper(.bool)
            case "google.protobuf.StringValue": self = .wrapper(.string)
            case "google.protobuf.BytesValue": self = .wrapper(.bytes)
            default: return nil
            }
        }
    }

    /// Well-known types whose JSON form is not supported: a described type may not use them.
    static let unsupportedTypes: Set<String> = [
        "google.protobuf.Any", "google.protobuf.Struct", "google.protobuf.Value",
        "google.protobuf.ListValue", "google.protobuf.FieldMask",
    ]

    /// The fully-qualified message name.
    var name: String
    /// The fields in declaration order.
    var fields: [Field]
    /// The fields in field-number order.
    var fieldsByNumber: [Field]
    var wellKnownType: WellKnownType?
    private var indexByNumber: [Int: Int]
    private var indexByName: [String: Int]
    private var indexByJSONName: [String: Int]

    init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
        self.fieldsByNumber = fields.sorted { $0.number < $1.number }
        self.wellKnownType = WellKnownType(messageName: name)
        var byNumber: [Int: Int] = [:]
        var byName: [String: Int] = [:]
        var byJSONName: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            byNumber[field.number] = index
            byName[field.name] = index
            byJSONName[field.jsonName] = index
        }
        self.indexByNumber = byNumber
        self.indexByName = byName
        self.indexByJSONName = byJSONName
    }

    /// The field numbered `number`.
    func field(number: Int) -> Field? {
        indexByNumber[number].map { fields[$0] }
    }

    /// The field with proto name `name`.
    func field(named name: String) -> Field? {
        indexByName[name].map { fields[$0] }
    }

    /// The field a proto3 JSON object names by `key`: its proto name or its JSON name.
    func field(jsonKey key: String) -> Field? {
        (indexByName[key] ?? indexByJSONName[key]).map { fields[$0] }
    }
}
