extension DescribedMessageType {
    /// The proto3 JSON of `message`: byte for byte what swift-protobuf's
    /// `jsonString(options:)` gives for the same compiled message with
    /// `preserveProtoFieldNames = true` and `useDeterministicOrdering = true`.
    ///
    /// Fields in field-number order under their proto names; proto3 zero values of fields
    /// without presence, empty lists and empty maps left out; 64-bit integers as strings; enums
    /// by name, or by number when the descriptor does not declare it; timestamps as RFC 3339
    /// text with 0, 3, 6 or 9 fraction digits; durations as `"1.5s"`; wrappers as their value;
    /// bytes in base64; map keys in the order of their type.
    public func json(_ message: RecordMessage) -> String {
        var writer = ProtoJSONWriter(layouts: layouts)
        writer.write(message, layout: layout)
        return String(decoding: writer.output, as: UTF8.self)
    }
}
