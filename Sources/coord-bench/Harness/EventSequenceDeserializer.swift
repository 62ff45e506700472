import GRPCCore

/// Reads only the record's sequence from an encoded `coordination.sharing.v1.RecordEvent`
/// (its field 1 is the `SharedRecord`, whose field 2 is the sequence) and skips the rest.
///
/// The delivery phase's subscribers share the benchmark's process and the machine's cores with
/// the publishers: decoding every event's fields (a `Struct` per record) in them made their
/// reading, not the server's delivery, what the phase measured. The events still arrive whole,
/// over TLS; only what the subscriber does with them is less.
struct EventSequenceDeserializer: MessageDeserializer {
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "a record event without a record sequence" }
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Int64 {
        try serializedMessageBytes.withUnsafeBytes { event in
            guard let record = try Self.field(1, in: event).flatMap({ try Self.field(2, in: $0) }) else { throw Malformed() }
            var position = 0
            return Int64(bitPattern: try Self.varint(record, at: &position))
        }
    }

    /// The bytes of field `number` (a length-delimited field's contents, a varint field's
    /// encoding) in the message `bytes`, if present.
    private static func field(_ number: UInt64, in bytes: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var position = 0
        while position < bytes.count {
            let tag = try varint(bytes, at: &position)
            let start = position
            switch tag & 7 {
            case 0: _ = try varint(bytes, at: &position)
            case 1: position += 8
            case 2:
                let length = Int(try varint(bytes, at: &position))
                guard length >= 0, position + length <= bytes.count else { throw Malformed() }
                if tag >> 3 == number { return UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]) }
                position += length
                continue
            case 5: position += 4
            default: throw Malformed()
            }
            guard position <= bytes.count else { throw Malformed() }
            if tag >> 3 == number { return UnsafeRawBufferPointer(rebasing: bytes[start..<position]) }
        }
        return nil
    }

    private static func varint(_ bytes: UnsafeRawBufferPointer, at position: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            guard position < bytes.count else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw Malformed()
    }
}
