/// The canonical body of an ``AuditEvent`` written field by field: the bytes `JSONEncoder`
/// writes with sorted keys and unescaped slashes, without its reflection. Every read that a
/// delivery audits is one body per recipient, so this is on the path of every event sent.
enum CanonicalAuditBody {
    /// `event` as canonical JSON: keys in sorted order, absent optionals left out.
    static func encode(_ event: AuditEvent) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 40 * (event.recordIDs.count + event.fieldsDisclosed.count + event.subjects.count))
        var first = true
        func key(_ name: StaticString) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: #"":"#.utf8)
        }
        func field(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            string(value, into: &out)
        }
        func field(_ name: StaticString, _ values: [String]?) {
            guard let values else { return }
            key(name)
            array(values, into: &out)
        }
        // In the order of the keys' UTF-8 bytes.
        field("action", event.action)
        field("at", event.at)
        field("callerDepartment", event.callerDepartment)
        field("callerName", event.callerName)
        field("callerRole", event.callerRole)
        field("certificateSerial", event.certificateSerial)
        field("detail", event.detail)
        field("fieldsDisclosed", event.fieldsDisclosed)
        field("legalBasis", event.legalBasis)
        field("purpose", event.purpose)
        field("recordIDs", event.recordIDs)
        field("recordTypes", event.recordTypes)
        field("subjects", event.subjects)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `values` as the canonical body writes a list of strings, e.g. its `subjects`.
    static func array(_ values: [String]) -> String {
        var out: [UInt8] = []
        array(values, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func array(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A JSON string literal: quote, backslash and control characters escaped, the rest as it is.
    private static func string(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x00..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
