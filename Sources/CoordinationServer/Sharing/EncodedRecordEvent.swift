import CoordinationAPI
import CoordinationCore
import GRPCCore
import SwiftProtobuf

/// A `Sharing_RecordEvent` serialized once, to be written to every subscription it goes to:
/// the delivery hub hands one event to each member of a group, and encoding it again per
/// stream was most of the cost of delivering it.
struct EncodedRecordEvent: Sendable {
    /// The event's protobuf binary encoding.
    let bytes: [UInt8]

    init(_ event: Sharing_RecordEvent) throws {
        bytes = try event.serializedBytes()
    }

    /// Writes an encoded event as it is.
    struct Serializer: MessageSerializer {
        func serialize<Bytes: GRPCContiguousBytes>(_ message: EncodedRecordEvent) throws -> Bytes {
            Bytes(message.bytes)
        }
    }
}

extension EncodedRecordEvent {
    /// The event of `record`, with the cursor that resumes after it, encoded.
    init(_ record: VisibleRecord) throws {
        try self.init(Sharing_RecordEvent.with {
            $0.record = try record.proto()
            $0.cursor = StreamCursor.records.encode(record.sequence)
        })
    }
}
