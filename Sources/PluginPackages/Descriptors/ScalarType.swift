import Foundation
import SwiftProtobuf

/// A protobuf scalar field type: how its values travel on the wire and what kind of record
/// value they become.
enum ScalarType: Sendable, Hashable {
    case double, float
    case int32, int64, sint32, sint64, sfixed32, sfixed64
    case uint32, uint64, fixed32, fixed64
    case bool, string, bytes

    init?(_ type: Google_Protobuf_FieldDescriptorProto.TypeEnum) {
        switch type {
        case .double: self = .double
        case .float: self = .float
        case .int32: self = .int32
        case .int64: self = .int64
        case .sint32: self = .sint32
        case .sint64: self = .sint64
        case .sfixed32: self = .sfixed32
        case .sfixed64: self = .sfixed64
        case .uint32: self = .uint32
        case .uint64: self = .uint64
        case .fixed32: self = .fixed32
        case .fixed64: self = .fixed64
        case .bool: self = .bool
        case .string: self = .string
        case .bytes: self = .bytes
        default: return nil
        }
    }

    /// The wire type of one value.
    var wireType: WireType {
        switch self {
        case .double, .fixed64, .sfixed64: .fixed64
        case .float, .fixed32, .sfixed32: .fixed32
        case .int32, .int64, .sint32, .sint64, .uint32, .uint64, .bool: .varint
        case .string, .bytes: .lengthDelimited
        }
    }

    /// Whether repeated values may be packed into one length-delimited record.
    var isPackable: Bool { wireType != .lengthDelimited }

    /// Whether proto3 JSON writes the value as a quoted string.
    var isQuotedInJSON: Bool {
        switch self {
        case .int64, .sint64, .sfixed64, .uint64, .fixed64: true
        default: false
        }
    }

    /// The kind of field rules see.
    var kind: FieldKind {
        switch self {
        case .double, .float: .double
        case .int32, .int64, .sint32, .sint64, .sfixed32, .sfixed64: .int
        case .uint32, .uint64, .fixed32, .fixed64: .uint
        case .bool: .bool
        case .string: .string
        case .bytes: .bytes
        }
    }

    /// The proto3 default value.
    var defaultValue: RecordValue {
        switch self {
        case .double, .float: .double(0)
        case .int32, .int64, .sint32, .sint64, .sfixed32, .sfixed64: .int(0)
        case .uint32, .uint64, .fixed32, .fixed64: .uint(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .bytes: .bytes(Data())
        }
    }
}
