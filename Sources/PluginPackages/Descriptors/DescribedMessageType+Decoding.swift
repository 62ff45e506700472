import Foundation

extension DescribedMessageType {
    /// Decodes the protobuf binary encoding of a message of this type.
    ///
    /// Unknown field numbers are skipped, never kept: only declared fields are stored. Either
    /// encoding of a repeated scalar (packed or not) is accepted; the last occurrence of a
    /// singular scalar wins and repeated occurrences of a singular message merge. A proto3
    /// zero value of a field without presence reads as absent. Throws on malformed input:
    /// truncated values, lengths past the end, a wire type other than the declared field's,
    /// invalid UTF-8 in a string, messages nested deeper than 64 levels, groups, and timestamps
    /// or durations outside their range.
    public func decode(_ bytes: Data) throws(DescriptorError) -> RecordMessage {
        try WireDecoder(layouts: layouts).decode([UInt8](bytes), as: layout)
    }
}
