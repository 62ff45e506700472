import Foundation

/// Encodes proto3 JSON objects of described messages to the protobuf binary encoding.
struct WireEncoder {
    /// Every message type of the pool.
    let layouts: [String: MessageLayout]

    /// The binary encoding of `json`, a message of `layout`.
    func encode(_ json: JSONValue, as layout: MessageLayout) throws(DescriptorError) -> [UInt8] {
        try message(json, layout: layout, depth: 0)
    }

    /// A message's fields in field-number order. Members may name fields by proto or JSON
    /// name; `null` members are left out.
    private func message(_ json: JSONValue, layout: MessageLayout, depth: Int) throws(DescriptorError) -> [UInt8] {
        guard depth <= WireDecoder.maximumDepth else {
            throw DescriptorError("\(layout.name): messages nested deeper than \(WireDecoder.maximumDepth) levels")
        }
        if layout.wellKnownType != nil {
            return try wellKnown(json, layout: layout)
        }
        guard case .object(let members) = json else {
            throw DescriptorError("\(layout.name): expected an object, found \(json.phrase)")
        }
        var given: [Int: JSONValue] = [:]
        var oneofMembers: [Int: MessageLayout.Field] = [:]
        for (key, value) in members {
            guard let field = layout.field(jsonKey: key) else {
                throw DescriptorError("\(layout.name) has no field \"\(key)\"")
            }
            guard given[field.number] == nil else {
                throw DescriptorError("field \(field.number) (\(field.name)) of \(layout.name) is given twice")
            }
            if case .null = value { continue }
            if let oneof = field.oneofIndex {
                if let other = oneofMembers[oneof] {
                    throw DescriptorError(
                        "fields \(other.name) and \(field.name) of \(layout.name) are in one oneof: give only one")
                }
                oneofMembers[oneof] = field
            }
            given[field.number] = value
        }
        var writer = WireWriter()
        for field in layout.fieldsByNumber {
            guard let value = given[field.number] else { continue }
            do {
                try append(value, field: field, to: &writer, depth: depth)
            } catch {
                throw error.inField(field, of: layout.name)
            }
        }
        return writer.bytes
    }

    private func append(
        _ json: JSONValue, field: MessageLayout.Field, to writer: inout WireWriter, depth: Int
    ) throws(DescriptorError) {
        switch field.cardinality {
        case .single:
            if case .message = field.type {
                writer.appendTag(field.number, .lengthDelimited)
                writer.appendLengthDelimited(try value(json, type: field.type, depth: depth))
                return
            }
            let value = try scalarValue(json, type: field.type)
            guard field.hasPresence || !value.isProto3Default else { return }
            append(value, type: field.type, number: field.number, to: &writer)
        case .repeated:
            guard case .array(let elements) = json else { throw DescriptorError("expected an array, found \(json.phrase)") }
            if field.isPacked {
                var packed = WireWriter()
                for element in elements { packed.appendRaw(try scalarValue(element, type: field.type), type: field.type) }
                guard !elements.isEmpty else { return }
                writer.appendTag(field.number, .lengthDelimited)
                writer.appendLengthDelimited(packed.bytes)
            } else if case .message = field.type {
                for element in elements {
                    writer.appendTag(field.number, .lengthDelimited)
                    writer.appendLengthDelimited(try value(element, type: field.type, depth: depth))
                }
            } else {
                for element in elements {
                    append(try scalarValue(element, type: field.type), type: field.type, number: field.number, to: &writer)
                }
            }
        case .map(let key, let valueField):
            guard case .object(let entries) = json else { throw DescriptorError("expected an object, found \(json.phrase)") }
            for (keyText, entryJSON) in entries {
                var entry = WireWriter()
                let keyValue = try scalarValue(.string(keyText), type: key.type, isMapKey: true)
                append(keyValue, type: key.type, number: key.number, to: &entry)
                if case .message = valueField.type {
                    entry.appendTag(valueField.number, .lengthDelimited)
                    entry.appendLengthDelimited(try value(entryJSON, type: valueField.type, depth: depth + 1))
                } else {
                    append(try scalarValue(entryJSON, type: valueField.type), type: valueField.type, number: valueField.number, to: &entry)
                }
                writer.appendTag(field.number, .lengthDelimited)
                writer.appendLengthDelimited(entry.bytes)
            }
        }
    }

    /// The encoding of a nested message.
    private func value(_ json: JSONValue, type: MessageLayout.FieldType, depth: Int) throws(DescriptorError) -> [UInt8] {
        guard case .message(let name) = type, let layout = layouts[name] else { return [] }
        return try message(json, layout: layout, depth: depth + 1)
    }

    /// A timestamp or duration from its text, a wrapper from its value.
    private func wellKnown(_ json: JSONValue, layout: MessageLayout) throws(DescriptorError) -> [UInt8] {
        var writer = WireWriter()
        switch layout.wellKnownType {
        case .timestamp:
            guard case .string(let text) = json, let (seconds, nanos) = WellKnownText.timestamp(from: text) else {
                throw DescriptorError("expected RFC 3339 text such as \"2024-03-01T08:30:00Z\", found \(json.phrase)")
            }
            appendSecondsAndNanos(seconds, nanos, to: &writer)
        case .duration:
            guard case .string(let text) = json, let (seconds, nanos) = WellKnownText.duration(from: text) else {
                throw DescriptorError("expected a duration such as \"1.5s\", found \(json.phrase)")
            }
            appendSecondsAndNanos(seconds, nanos, to: &writer)
        case .wrapper(let scalar):
            let value = try scalarValue(json, type: .scalar(scalar))
            if !value.isProto3Default { append(value, type: .scalar(scalar), number: 1, to: &writer) }
        case nil:
            break
        }
        return writer.bytes
    }

    private func appendSecondsAndNanos(_ seconds: Int64, _ nanos: Int32, to writer: inout WireWriter) {
        if seconds != 0 { append(.int(seconds), type: .scalar(.int64), number: 1, to: &writer) }
        if nanos != 0 { append(.int(Int64(nanos)), type: .scalar(.int32), number: 2, to: &writer) }
    }

    private func append(_ value: RecordValue, type: MessageLayout.FieldType, number: Int, to writer: inout WireWriter) {
        let wireType: WireType =
            switch type {
            case .scalar(let scalar): scalar.wireType
            case .enumeration: .varint
            case .message: .lengthDelimited
            }
        writer.appendTag(number, wireType)
        writer.appendRaw(value, type: type)
    }

    /// The record value of a scalar or enum JSON value, checked against the field's type.
    private func scalarValue(
        _ json: JSONValue, type: MessageLayout.FieldType, isMapKey: Bool = false
    ) throws(DescriptorError) -> RecordValue {
        switch type {
        case .enumeration(let layout):
            switch json {
            case .string(let name):
                guard let number = layout.number(named: name) else {
                    throw DescriptorError("\(layout.name) has no value \(name)")
                }
                return .enumeration(name: name, number: number)
            case .number(let text):
                guard let number = Int32(text) else { throw DescriptorError("expected an enum value, found \(text)") }
                return .enumeration(name: layout.name(of: number), number: number)
            default:
                throw DescriptorError("expected an enum value, found \(json.phrase)")
            }
        case .scalar(let scalar):
            return try Self.scalar(json, type: scalar, isMapKey: isMapKey)
        case .message:
            throw DescriptorError("expected a message")
        }
    }

    private static func scalar(_ json: JSONValue, type: ScalarType, isMapKey: Bool) throws(DescriptorError) -> RecordValue {
        switch (type, json) {
        case (.string, .string(let text)):
            return .string(text)
        case (.bytes, .string(let text)):
            guard let data = base64(text) else { throw DescriptorError("expected base64 text, found \(json.phrase)") }
            return .bytes(data)
        case (.bool, .bool(let flag)):
            return .bool(flag)
        case (.bool, .string(let text)) where isMapKey && (text == "true" || text == "false"):
            return .bool(text == "true")
        case (.double, .number(let text)), (.double, .string(let text)),
            (.float, .number(let text)), (.float, .string(let text)):
            guard let number = floatingPoint(text, isFloat: type == .float) else {
                throw DescriptorError("expected a number, found \(json.phrase)")
            }
            return .double(number)
        case (_, .number(let text)), (_, .string(let text)):
            switch type.kind {
            case .int:
                let bits = type == .int64 || type == .sint64 || type == .sfixed64 ? 64 : 32
                guard let number = integer(text, as: Int64.self), bits == 64 || Int32(exactly: number) != nil else {
                    throw DescriptorError("expected a \(bits)-bit integer, found \(json.phrase)")
                }
                return .int(number)
            case .uint:
                let bits = type == .uint64 || type == .fixed64 ? 64 : 32
                guard let number = integer(text, as: UInt64.self), bits == 64 || UInt32(exactly: number) != nil else {
                    throw DescriptorError("expected an unsigned \(bits)-bit integer, found \(json.phrase)")
                }
                return .uint(number)
            default:
                throw DescriptorError("expected \(type.kind), found \(json.phrase)")
            }
        default:
            throw DescriptorError("expected \(type.kind), found \(json.phrase)")
        }
    }

    /// An integer written plainly or with a fraction or exponent that leaves it whole.
    private static func integer<Integer: FixedWidthInteger>(_ text: String, as: Integer.Type) -> Integer? {
        if let exact = Integer(text) { return exact }
        guard let number = Double(text), number.rounded() == number else { return nil }
        return Integer(exactly: number)
    }

    /// A double or float from JSON number text or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    private static func floatingPoint(_ text: String, isFloat: Bool) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard text.allSatisfy({ "+-.eE0123456789".contains($0) }), let number = Double(text), number.isFinite else {
                return nil
            }
            if isFloat {
                let narrowed = Float(number)
                guard narrowed.isFinite else { return nil }
                return Double(narrowed)
            }
            return number
        }
    }

    /// Standard or URL-safe base64, padded or not.
    private static func base64(_ text: String) -> Data? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}

extension WireWriter {
    /// One value without a tag.
    mutating func appendRaw(_ value: RecordValue, type: MessageLayout.FieldType) {
        switch (type, value) {
        case (.enumeration, .enumeration(_, let number)):
            appendVarint(UInt64(bitPattern: Int64(number)))
        case (.scalar(let scalar), _):
            appendScalar(value, type: scalar)
        default:
            break
        }
    }

    private mutating func appendScalar(_ value: RecordValue, type: ScalarType) {
        switch (type, value) {
        case (.double, .double(let number)): appendFixed64(number.bitPattern)
        case (.float, .double(let number)): appendFixed32(Float(number).bitPattern)
        case (.int32, .int(let number)), (.int64, .int(let number)): appendVarint(UInt64(bitPattern: number))
        case (.sint32, .int(let number)), (.sint64, .int(let number)):
            appendVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
        case (.sfixed32, .int(let number)): appendFixed32(UInt32(bitPattern: Int32(truncatingIfNeeded: number)))
        case (.sfixed64, .int(let number)): appendFixed64(UInt64(bitPattern: number))
        case (.uint32, .uint(let number)), (.uint64, .uint(let number)): appendVarint(number)
        case (.fixed32, .uint(let number)): appendFixed32(UInt32(truncatingIfNeeded: number))
        case (.fixed64, .uint(let number)): appendFixed64(number)
        case (.bool, .bool(let flag)): appendVarint(flag ? 1 : 0)
        case (.string, .string(let text)): appendLengthDelimited(Array(text.utf8))
        case (.bytes, .bytes(let data)): appendLengthDelimited(Array(data))
        default: break
        }
    }
}
