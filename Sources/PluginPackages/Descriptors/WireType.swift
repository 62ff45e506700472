/// The wire type in the low three bits of a protobuf tag.
enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5

    /// How error messages name a value of this wire type.
    var phrase: String {
        switch self {
        case .varint: "a varint"
        case .fixed64: "a 64-bit value"
        case .lengthDelimited: "a length-delimited value"
        case .startGroup, .endGroup: "a group"
        case .fixed32: "a 32-bit value"
        }
    }
}
