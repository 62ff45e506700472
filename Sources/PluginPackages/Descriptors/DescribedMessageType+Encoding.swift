import Foundation

extension DescribedMessageType {
    /// Encodes a proto3 JSON object of this type to the protobuf binary encoding, for clients
    /// that publish records of described types from JSON.
    ///
    /// Fields may be named by proto name or lowerCamelCase JSON name; enums by name or number;
    /// 64-bit integers as strings or numbers; bytes as standard or URL-safe base64; timestamps as
    /// RFC 3339 text; `null` reads as absent. Unknown fields, values of the wrong type or out of
    /// range, and two members of one oneof throw an error naming the field.
    public func encode(json: String) throws(DescriptorError) -> Data {
        Data(try WireEncoder(layouts: layouts).encode(try JSONValue.parse(json), as: layout))
    }
}
