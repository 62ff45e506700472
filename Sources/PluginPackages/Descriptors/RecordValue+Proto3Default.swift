extension RecordValue {
    /// Whether this is a proto3 zero value, which a field without presence does not keep:
    /// 0, `false`, `""`, empty bytes, the enum value numbered 0, or +0.0.
    var isProto3Default: Bool {
        switch self {
        case .int(let number): number == 0
        case .uint(let number): number == 0
        case .bool(let flag): !flag
        case .double(let number): number.bitPattern == 0
        case .string(let text): text.isEmpty
        case .bytes(let data): data.isEmpty
        case .enumeration(_, let number): number == 0
        case .timestamp, .list, .map, .message: false
        }
    }
}
