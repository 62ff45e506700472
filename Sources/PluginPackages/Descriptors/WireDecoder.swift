import Foundation

/// Decodes the protobuf binary encoding of described messages, guided by their layouts.
struct WireDecoder {
    /// How deep messages may nest inside the decoded one.
    static let maximumDepth = 64

    /// Every message type of the pool.
    let layouts: [String: MessageLayout]

    /// A message being decoded: the values seen so far, by field number, before proto3 zero
    /// values are dropped and well-known types take their own form.
    private struct PartialMessage {
        enum Slot {
            case value(RecordValue)
            case message(PartialMessage)
            case list([RecordValue])
            case map([String: RecordValue])
        }

        var slots: [Int: Slot] = [:]
    }

    /// Decodes `bytes` as a message of `layout`.
    func decode(_ bytes: [UInt8], as layout: MessageLayout) throws(DescriptorError) -> RecordMessage {
        var reader = WireReader(bytes)
        var partial = PartialMessage()
        try merge(&reader, into: &partial, layout: layout, depth: 0)
        return try finish(partial, layout: layout)
    }

    /// Reads the fields of one message to the end of `reader`, on top of those already in `partial`.
    private func merge(
        _ reader: inout WireReader, into partial: inout PartialMessage, layout: MessageLayout, depth: Int
    ) throws(DescriptorError) {
        guard depth <= Self.maximumDepth else {
            throw DescriptorError("\(layout.name): messages nested deeper than \(Self.maximumDepth) levels")
        }
        while !reader.isAtEnd {
            let tag: (number: Int, wireType: WireType)
            do {
                tag = try reader.readTag()
            } catch {
                throw DescriptorError("\(layout.name): \(error.description)")
            }
            guard let field = layout.field(number: tag.number) else {
                do {
                    try reader.skip(tag.wireType)
                } catch {
                    throw DescriptorError("unknown field \(tag.number) of \(layout.name): \(error.description)")
                }
                continue
            }
            do {
                try mergeField(field, wireType: tag.wireType, from: &reader, into: &partial, layout: layout, depth: depth)
            } catch {
                throw error.inField(field, of: layout.name)
            }
        }
    }

    private func mergeField(
        _ field: MessageLayout.Field, wireType: WireType, from reader: inout WireReader,
        into partial: inout PartialMessage, layout: MessageLayout, depth: Int
    ) throws(DescriptorError) {
        switch field.cardinality {
        case .single:
            if let oneof = field.oneofIndex {
                for other in layout.fields where other.oneofIndex == oneof && other.number != field.number {
                    partial.slots[other.number] = nil
                }
            }
            if case .message(let name) = field.type {
                try expect(.lengthDelimited, found: wireType)
                var inner = try reader.readLengthDelimited()
                var message = PartialMessage()
                if case .message(let existing)? = partial.slots[field.number] { message = existing }
                try merge(&inner, into: &message, layout: try messageLayout(named: name), depth: depth + 1)
                partial.slots[field.number] = .message(message)
            } else {
                partial.slots[field.number] = .value(try readValue(field.type, wireType: wireType, from: &reader, depth: depth))
            }
        case .repeated:
            var list: [RecordValue] = []
            if case .list(let existing)? = partial.slots[field.number] { list = existing }
            if wireType == .lengthDelimited, let elementWireType = packableWireType(of: field.type) {
                var packed = try reader.readLengthDelimited()
                while !packed.isAtEnd {
                    list.append(try readValue(field.type, wireType: elementWireType, from: &packed, depth: depth))
                }
            } else {
                list.append(try readValue(field.type, wireType: wireType, from: &reader, depth: depth))
            }
            partial.slots[field.number] = .list(list)
        case .map(let key, let value):
            guard case .message(let entryName) = field.type else { return }
            try expect(.lengthDelimited, found: wireType)
            var inner = try reader.readLengthDelimited()
            var entry = PartialMessage()
            try merge(&inner, into: &entry, layout: try messageLayout(named: entryName), depth: depth + 1)
            let keyText = mapKeyText(entry.slots[key.number], key: key)
            let entryValue = try mapValue(entry.slots[value.number], value: value)
            var map: [String: RecordValue] = [:]
            if case .map(let existing)? = partial.slots[field.number] { map = existing }
            map[keyText] = entryValue
            partial.slots[field.number] = .map(map)
        }
    }

    /// One value of a scalar, enum or message type.
    private func readValue(
        _ type: MessageLayout.FieldType, wireType: WireType, from reader: inout WireReader, depth: Int
    ) throws(DescriptorError) -> RecordValue {
        switch type {
        case .scalar(let scalar):
            try expect(scalar.wireType, found: wireType)
            return try readScalar(scalar, from: &reader)
        case .enumeration(let layout):
            try expect(.varint, found: wireType)
            let number = Int32(truncatingIfNeeded: try reader.readVarint())
            return .enumeration(name: layout.name(of: number), number: number)
        case .message(let name):
            try expect(.lengthDelimited, found: wireType)
            let layout = try messageLayout(named: name)
            var inner = try reader.readLengthDelimited()
            var message = PartialMessage()
            try merge(&inner, into: &message, layout: layout, depth: depth + 1)
            return try value(of: try finish(message, layout: layout), layout: layout)
        }
    }

    private func readScalar(_ scalar: ScalarType, from reader: inout WireReader) throws(DescriptorError) -> RecordValue {
        switch scalar {
        case .double: return .double(Double(bitPattern: try reader.readFixed64()))
        case .float: return .double(Double(Float(bitPattern: try reader.readFixed32())))
        case .int32: return .int(Int64(Int32(truncatingIfNeeded: try reader.readVarint())))
        case .int64: return .int(Int64(bitPattern: try reader.readVarint()))
        case .sint32:
            let raw = UInt32(truncatingIfNeeded: try reader.readVarint())
            return .int(Int64(Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))))
        case .sint64:
            let raw = try reader.readVarint()
            return .int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case .sfixed32: return .int(Int64(Int32(bitPattern: try reader.readFixed32())))
        case .sfixed64: return .int(Int64(bitPattern: try reader.readFixed64()))
        case .uint32: return .uint(UInt64(UInt32(truncatingIfNeeded: try reader.readVarint())))
        case .uint64: return .uint(try reader.readVarint())
        case .fixed32: return .uint(UInt64(try reader.readFixed32()))
        case .fixed64: return .uint(try reader.readFixed64())
        case .bool: return .bool(try reader.readVarint() != 0)
        case .string:
            let bytes = try reader.readLengthDelimited().remainingBytes
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DescriptorError("invalid UTF-8 in a string")
            }
            return .string(text)
        case .bytes:
            return .bytes(Data(try reader.readLengthDelimited().remainingBytes))
        }
    }

    /// The present fields of a decoded message in field-number order, proto3 zero values of
    /// fields without presence left out.
    private func finish(_ partial: PartialMessage, layout: MessageLayout) throws(DescriptorError) -> RecordMessage {
        var fields: [RecordMessage.Field] = []
        for field in layout.fieldsByNumber {
            guard let slot = partial.slots[field.number] else { continue }
            let value: RecordValue
            switch slot {
            case .value(let scalar):
                if !field.hasPresence && scalar.isProto3Default { continue }
                value = scalar
            case .message(let message):
                guard case .message(let name) = field.type else { continue }
                let inner = try messageLayout(named: name)
                do {
                    value = try self.value(of: try finish(message, layout: inner), layout: inner)
                } catch {
                    throw error.inField(field, of: layout.name)
                }
            case .list(let list):
                if list.isEmpty { continue }
                value = .list(list)
            case .map(let map):
                value = .map(map)
            }
            fields.append(RecordMessage.Field(name: field.name, value: value))
        }
        return RecordMessage(fields: fields)
    }

    /// The record value of a decoded message: well-known types take their own form.
    private func value(of message: RecordMessage, layout: MessageLayout) throws(DescriptorError) -> RecordValue {
        switch layout.wellKnownType {
        case .timestamp:
            let (seconds, nanos) = secondsAndNanos(of: message)
            guard WellKnownText.timestampText(seconds: seconds, nanos: nanos) != nil else {
                throw DescriptorError("timestamp \(seconds)s \(nanos)ns is outside 0001-01-01 to 9999-12-31")
            }
            return .timestamp(seconds: seconds, nanos: nanos)
        case .duration:
            let (seconds, nanos) = secondsAndNanos(of: message)
            guard WellKnownText.durationText(seconds: seconds, nanos: nanos) != nil else {
                throw DescriptorError("duration \(seconds)s \(nanos)ns is out of range")
            }
            return .message(message)
        case .wrapper(let scalar):
            return message["value"] ?? scalar.defaultValue
        case nil:
            return .message(message)
        }
    }

    private func secondsAndNanos(of message: RecordMessage) -> (Int64, Int32) {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        if case .int(let value)? = message["seconds"] { seconds = value }
        if case .int(let value)? = message["nanos"] { nanos = Int32(truncatingIfNeeded: value) }
        return (seconds, nanos)
    }

    /// The text a map keeps an entry under: the key's proto3 JSON text.
    private func mapKeyText(_ slot: PartialMessage.Slot?, key: MessageLayout.Field) -> String {
        guard case .value(let value)? = slot else {
            return key.defaultValue.map(Self.keyText) ?? ""
        }
        return Self.keyText(value)
    }

    private static func keyText(_ value: RecordValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .uint(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): text
        default: ""
        }
    }

    /// An entry's value, its default when the entry has none.
    private func mapValue(_ slot: PartialMessage.Slot?, value: MessageLayout.Field) throws(DescriptorError) -> RecordValue {
        switch (slot, value.type) {
        case (.value(let scalar)?, _):
            return scalar
        case (.message(let message)?, .message(let name)):
            let layout = try messageLayout(named: name)
            return try self.value(of: try finish(message, layout: layout), layout: layout)
        case (_, .message(let name)):
            let layout = try messageLayout(named: name)
            return try self.value(of: RecordMessage(), layout: layout)
        default:
            return value.defaultValue ?? .message(RecordMessage())
        }
    }

    private func messageLayout(named name: String) throws(DescriptorError) -> MessageLayout {
        guard let layout = layouts[name] else {
            throw DescriptorError("message type \(name) is not in the descriptor set")
        }
        return layout
    }

    /// The wire type of one element of a packable repeated field; `nil` for strings, bytes and messages.
    private func packableWireType(of type: MessageLayout.FieldType) -> WireType? {
        switch type {
        case .scalar(let scalar): scalar.isPackable ? scalar.wireType : nil
        case .enumeration: .varint
        case .message: nil
        }
    }

    private func expect(_ expected: WireType, found: WireType) throws(DescriptorError) {
        guard expected == found else {
            throw DescriptorError("expected \(expected.phrase), found \(found.phrase)")
        }
    }
}
