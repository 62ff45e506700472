/// Appends protobuf wire-format values to a byte buffer.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func appendTag(_ number: Int, _ wireType: WireType) {
        appendVarint(UInt64(number) << 3 | UInt64(wireType.rawValue))
    }

    mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func appendFixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func appendFixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// A length prefix and `content`.
    mutating func appendLengthDelimited<Bytes: Collection<UInt8>>(_ content: Bytes) {
        appendVarint(UInt64(content.count))
        bytes.append(contentsOf: content)
    }
}
