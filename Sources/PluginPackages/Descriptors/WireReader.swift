/// Reads protobuf wire-format values from a byte buffer, checking every length against what is left.
struct WireReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes, from: 0, to: bytes.count)
    }

    private init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    var isAtEnd: Bool { position >= end }

    /// The next tag: a field number and a wire type. Groups and undefined wire types throw.
    mutating func readTag() throws(DescriptorError) -> (number: Int, wireType: WireType) {
        let tag = try readVarint()
        guard let wireType = WireType(rawValue: UInt8(tag & 7)) else {
            throw DescriptorError("invalid wire type \(tag & 7) in tag \(tag)")
        }
        let number = tag >> 3
        guard number >= 1, number <= 536_870_911 else {
            throw DescriptorError("invalid field number \(number)")
        }
        if wireType == .startGroup || wireType == .endGroup {
            throw DescriptorError("field \(number): groups are not supported")
        }
        return (Int(number), wireType)
    }

    mutating func readVarint() throws(DescriptorError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw DescriptorError("truncated varint") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 {
                throw DescriptorError("varint longer than 64 bits")
            }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readFixed32() throws(DescriptorError) -> UInt32 {
        guard end - position >= 4 else { throw DescriptorError("truncated 32-bit value") }
        var result: UInt32 = 0
        for offset in 0..<4 {
            result |= UInt32(bytes[position + offset]) << (8 * offset)
        }
        position += 4
        return result
    }

    mutating func readFixed64() throws(DescriptorError) -> UInt64 {
        guard end - position >= 8 else { throw DescriptorError("truncated 64-bit value") }
        var result: UInt64 = 0
        for offset in 0..<8 {
            result |= UInt64(bytes[position + offset]) << (8 * offset)
        }
        position += 8
        return result
    }

    /// The bytes of a length-delimited value, as a reader of their own.
    mutating func readLengthDelimited() throws(DescriptorError) -> WireReader {
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw DescriptorError("length \(length) runs past the end of the input (\(end - position) bytes left)")
        }
        let reader = WireReader(bytes, from: position, to: position + Int(length))
        position += Int(length)
        return reader
    }

    /// The bytes left in this reader.
    var remainingBytes: ArraySlice<UInt8> { bytes[position..<end] }

    /// Skips one value of `wireType`.
    mutating func skip(_ wireType: WireType) throws(DescriptorError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .fixed32: _ = try readFixed32()
        case .startGroup, .endGroup: throw DescriptorError("groups are not supported")
        }
    }
}
