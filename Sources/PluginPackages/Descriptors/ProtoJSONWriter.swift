import Foundation

/// Writes described records as proto3 JSON, byte for byte as swift-protobuf writes the same
/// compiled message with `preserveProtoFieldNames` and `useDeterministicOrdering`.
struct ProtoJSONWriter {
    /// Every message type of the pool.
    let layouts: [String: MessageLayout]
    /// The UTF-8 text written so far.
    private(set) var output: [UInt8] = []

    init(layouts: [String: MessageLayout]) {
        self.layouts = layouts
    }

    /// Writes `message`: an object of its present fields in field-number order, or the text of
    /// its well-known type.
    mutating func write(_ message: RecordMessage, layout: MessageLayout) {
        if layout.wellKnownType != nil {
            writeWellKnown(message, layout: layout)
            return
        }
        let present = Dictionary(message.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        append("{")
        var separator = ""
        for field in layout.fieldsByNumber {
            guard let value = present[field.name], !isOmitted(value, field: field) else { continue }
            append(separator)
            separator = ","
            writeString(field.name)
            append(":")
            write(value, field: field)
        }
        append("}")
    }

    /// Whether swift-protobuf leaves the field out: a proto3 zero value without presence, an
    /// empty list or map.
    private func isOmitted(_ value: RecordValue, field: MessageLayout.Field) -> Bool {
        switch value {
        case .list(let items): items.isEmpty
        case .map(let entries): entries.isEmpty
        default: !field.hasPresence && value.isProto3Default
        }
    }

    private mutating func write(_ value: RecordValue, field: MessageLayout.Field) {
        switch (field.cardinality, value) {
        case (.single, _):
            write(value, type: field.type)
        case (.repeated, .list(let items)):
            append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { append(",") }
                write(item, type: field.type)
            }
            append("]")
        case (.map(let key, let valueField), .map(let entries)):
            append("{")
            for (index, entryKey) in sortedKeys(entries.keys, type: key.type).enumerated() {
                if index > 0 { append(",") }
                writeString(entryKey)
                append(":")
                write(entries[entryKey]!, type: valueField.type)
            }
            append("}")
        default:
            append("null")
        }
    }

    /// Map keys in the order of their type: numbers by value, strings and bools by text.
    private func sortedKeys(_ keys: Dictionary<String, RecordValue>.Keys, type: MessageLayout.FieldType) -> [String] {
        guard case .scalar(let scalar) = type else { return keys.sorted() }
        switch scalar.kind {
        case .int: return keys.sorted { (Int64($0) ?? 0, $0) < (Int64($1) ?? 0, $1) }
        case .uint: return keys.sorted { (UInt64($0) ?? 0, $0) < (UInt64($1) ?? 0, $1) }
        default: return keys.sorted()
        }
    }

    private mutating func write(_ value: RecordValue, type: MessageLayout.FieldType) {
        switch (type, value) {
        case (.scalar(let scalar), _):
            writeScalar(value, type: scalar)
        case (.enumeration, .enumeration(let name, let number)):
            if let name { writeString(name) } else { append(String(number)) }
        case (.message(let name), _):
            guard let layout = layouts[name] else { return append("null") }
            switch (layout.wellKnownType, value) {
            case (.timestamp, .timestamp(let seconds, let nanos)):
                writeQuoted(WellKnownText.timestampText(seconds: seconds, nanos: nanos))
            case (.wrapper(let scalar), _):
                writeScalar(value, type: scalar)
            case (_, .message(let message)):
                write(message, layout: layout)
            default:
                append("null")
            }
        default:
            append("null")
        }
    }

    private mutating func writeWellKnown(_ message: RecordMessage, layout: MessageLayout) {
        let seconds: Int64 = if case .int(let value)? = message["seconds"] { value } else { 0 }
        let nanos: Int32 = if case .int(let value)? = message["nanos"] { Int32(truncatingIfNeeded: value) } else { 0 }
        switch layout.wellKnownType {
        case .timestamp:
            writeQuoted(WellKnownText.timestampText(seconds: seconds, nanos: nanos))
        case .duration:
            writeQuoted(WellKnownText.durationText(seconds: seconds, nanos: nanos))
        case .wrapper(let scalar):
            writeScalar(message["value"] ?? scalar.defaultValue, type: scalar)
        case nil:
            break
        }
    }

    private mutating func writeScalar(_ value: RecordValue, type: ScalarType) {
        switch value {
        case .double(let number):
            writeFloatingPoint(number, isFloat: type == .float)
        case .int(let number):
            append(type.isQuotedInJSON ? "\"\(number)\"" : String(number))
        case .uint(let number):
            append(type.isQuotedInJSON ? "\"\(number)\"" : String(number))
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .string(let text):
            writeString(text)
        case .bytes(let data):
            append("\"" + data.base64EncodedString() + "\"")
        default:
            append("null")
        }
    }

    /// Shortest round-trip text; `"NaN"`, `"Infinity"` and `"-Infinity"` quoted.
    private mutating func writeFloatingPoint(_ number: Double, isFloat: Bool) {
        if number.isNaN {
            append("\"NaN\"")
        } else if number.isInfinite {
            append(number < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            append(isFloat ? Float(number).debugDescription : number.debugDescription)
        }
    }

    private mutating func writeQuoted(_ text: String?) {
        guard let text else { return append("null") }
        append("\"" + text + "\"")
    }

    /// A JSON string: `"`, `\` and control characters (C0, DEL and C1) escaped, the rest as UTF-8.
    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 8: append("\\b")
            case 9: append("\\t")
            case 10: append("\\n")
            case 12: append("\\f")
            case 13: append("\\r")
            case 34: append("\\\"")
            case 92: append("\\\\")
            case 0...31, 127...159:
                let hex = Array("0123456789ABCDEF".utf8)
                append("\\u00")
                output.append(hex[Int(scalar.value / 16)])
                output.append(hex[Int(scalar.value % 16)])
            default:
                output.append(contentsOf: String(scalar).utf8)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }
}
