import DevEnvironment
import Foundation
import SwiftProtobuf
import Synchronization

/// A repeatable source of random numbers (SplitMix64), so a failing run can be replayed from
/// its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ids the server has returned (meetings, tasks, referrals…), so later calls can name things
/// that exist and reach deeper than "not found".
final class HarvestedIDs: Sendable {
    private let ids = Mutex<[String]>([])

    /// Notes every UUID in `bytes` (a response, as sent).
    func harvest(_ bytes: [UInt8]) {
        guard bytes.count >= 36, let text = String(bytes: bytes.map { $0 < 0x80 ? $0 : 0x20 }, encoding: .ascii) else { return }
        var found: [String] = []
        var index = text.startIndex
        while let end = text.index(index, offsetBy: 36, limitedBy: text.endIndex) {
            let candidate = String(text[index..<end])
            if UUID(uuidString: candidate) != nil {
                found.append(candidate.lowercased())
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        guard !found.isEmpty else { return }
        ids.withLock { ids in
            ids += found
            if ids.count > 500 { ids.removeFirst(ids.count - 500) }
        }
    }

    func any(using random: inout SeededRandom) -> String? {
        ids.withLock { $0.randomElement(using: &random) }
    }
}

/// Builds request messages from the API's descriptors: mostly well-formed, with values a
/// department system would send (department codes, jurisdiction codes, valid national ID
/// numbers, ids the server returned), mixed with boundary values (empty, huge, NUL and other
/// control characters, invalid UTF-8, far past and future timestamps, extreme and negative
/// numbers, unknown enum numbers, long lists), and now and then plain random bytes.
struct RequestGenerator {
    let schema: FuzzSchema
    let ids: HarvestedIDs
    var random: SeededRandom
    /// How likely each value is a boundary value rather than a plausible one, for this request.
    private var boundaryRate = 0.0
    /// The record types the caller's department publishes.
    private var ownRecordTypes: [String] = []

    init(schema: FuzzSchema, ids: HarvestedIDs, random: SeededRandom) {
        self.schema = schema
        self.ids = ids
        self.random = random
    }

    /// The bytes of one request message for `method`, as `department` would send it: half the
    /// time entirely plausible (to reach past validation), mostly otherwise with a few boundary
    /// values, and one time in ten random bytes.
    mutating func request(for method: FuzzSchema.Method, department: String) -> [UInt8] {
        ownRecordTypes = schema.recordTypesByDepartment[department] ?? []
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            return (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1...5:
            boundaryRate = 0
        default:
            boundaryRate = 0.15
        }
        return message(method.input, depth: 0)
    }

    mutating func message(_ name: String, depth: Int) -> [UInt8] {
        switch name {
        case "google.protobuf.Timestamp": return timestamp()
        case "google.protobuf.Any": return any(depth: depth)
        default: break
        }
        guard let descriptor = schema.messages[name], depth < 5 else { return [] }
        var writer = WireWriter()
        for field in descriptor.field where chance(4, in: 5) {
            let repeated = field.label == .repeated
            let count = repeated ? itemCount() : 1
            for _ in 0..<count where writer.bytes.count < 6_000_000 { value(of: field, into: &writer, depth: depth) }
        }
        return writer.bytes
    }

    // MARK: Fields

    private mutating func value(of field: Google_Protobuf_FieldDescriptorProto, into writer: inout WireWriter, depth: Int) {
        let number = Int(field.number)
        switch field.type {
        case .string: writer.bytesField(number, text(for: field.name))
        case .bytes: writer.bytesField(number, boundary() ? Array(repeating: 7, count: 5000) : [1, 2, 3])
        case .bool: writer.varintField(number, UInt64.random(in: 0...1, using: &random))
        case .double: writer.fixed64Field(number, real().bitPattern)
        case .float: writer.fixed32Field(number, Float(real()).bitPattern)
        case .enum: writer.varintField(number, UInt64(bitPattern: Int64(enumNumber(String(field.typeName.dropFirst())))))
        case .message, .group: writer.bytesField(number, message(String(field.typeName.dropFirst()), depth: depth + 1))
        case .fixed32, .sfixed32: writer.fixed32Field(number, UInt32(truncatingIfNeeded: integer(for: field.name)))
        case .fixed64, .sfixed64: writer.fixed64Field(number, UInt64(bitPattern: integer(for: field.name)))
        default: writer.varintField(number, UInt64(bitPattern: integer(for: field.name)))
        }
    }

    private mutating func itemCount() -> Int {
        guard boundary() else { return Int.random(in: 0...3, using: &random) }
        return [0, 101, 12, chance(1, in: 5) ? 3000 : 50].randomElement(using: &random)!
    }

    private mutating func text(for field: String) -> [UInt8] {
        if boundary() { return Array(boundaryText().utf8) + (chance(1, in: 20) ? [0xFF, 0xFE] : []) }
        return Array(plausibleText(for: field).utf8)
    }

    private mutating func boundaryText() -> String {
        let choices = [
            "", "a\u{0}b", "\u{0}", "line\nbreak", "tab\there", "bell\u{7}", "\u{7F}", "\u{85}next", "%s%n%x",
            "'; DROP TABLE coord.record; --", "张三\u{200F}‏עברית", "👩‍👩‍👧‍👦", String(repeating: "长", count: 257),
            String(repeating: "x", count: 2_001), String(repeating: "y", count: 10_001),
            String(repeating: "z", count: chance(1, in: 10) ? 1_000_000 : 70_000),
        ]
        return choices.randomElement(using: &random)!
    }

    private mutating func plausibleText(for field: String) -> String {
        let departments = DevSeed.departments.map(\.code) + ["no-such-department"]
        let jurisdictions = DevSeed.jurisdictions.map(\.code) + ["nowhere"]
        switch field {
        case _ where field.hasSuffix("_id") && field != "national_id" && field != "subject_national_id":
            if chance(2, in: 3), let id = ids.any(using: &random) { return id }
            return chance(1, in: 2) ? UUID().uuidString.lowercased() : "not-a-uuid"
        case _ where field.contains("national_id"):
            return ["110105200701010017", "11010519491231002X", "110105200701010018", "123"].randomElement(using: &random)!
        case _ where field.contains("department") || field == "viewer" || field == "presenter":
            return departments.randomElement(using: &random)!
        case _ where field.contains("jurisdiction") || field == "parent_code":
            return jurisdictions.randomElement(using: &random)!
        case "plugin_id", "purge_confirmation":
            return ["education", "unions", "civil-affairs", "public-security", "womens-federation", "nope"].randomElement(using: &random)!
        case "record_type":
            return (schema.recordTypes + ["nope.v1.Nothing"]).randomElement(using: &random)!
        case "cursor":
            return chance(1, in: 2) ? "" : [Data("records:0".utf8).base64EncodedString(), Data("notices:99999999999999999999".utf8).base64EncodedString(),
                    Data("records:-5".utf8).base64EncodedString(), "!!!"].randomElement(using: &random)!
        case "request_id":
            return UUID().uuidString
        case "period", "from_period", "to_period", "deadline":
            return ["2026", "2026-Q1", "2026-13", "9999", "0000", "2026-H1"].randomElement(using: &random)!
        case "code":
            return ["community-counselling-rooms", "school-counselling-rooms", "x", "UPPER"].randomElement(using: &random)!
        case "version":
            return ["1.0.0", "9.9.9", "0", "1.0.0-beta"].randomElement(using: &random)!
        case "kind":
            return ["crisis", "meeting.convened", "task.overdue", "Bad Kind"].randomElement(using: &random)!
        case "links":
            return ["record:\(UUID().uuidString.lowercased())", "indicator:community-counselling-rooms", "task:x", "http://x"]
                .randomElement(using: &random)!
        default:
            return ["测试", "Green channel for student crises", "ok", "A"].randomElement(using: &random)!
        }
    }

    private mutating func integer(for field: String) -> Int64 {
        if !boundary() {
            switch field {
            case "year", "from_year", "to_year": return Int64.random(in: 2019...2030, using: &random)
            case "page_size": return Int64.random(in: 0...500, using: &random)
            case "percent": return Int64.random(in: 0...100, using: &random)
            case "numerator", "denominator": return Int64.random(in: 0...50, using: &random)
            default: return Int64.random(in: 0...3, using: &random)
            }
        }
        return [0, 1, -1, 2026, 9999, 100_000, Int64(Int32.max), Int64(Int32.min), Int64.max, Int64.min]
            .randomElement(using: &random)!
    }

    private mutating func real() -> Double {
        guard boundary() else { return [0, 0.5, 20, 80].randomElement(using: &random)! }
        return [0, -1, 0.5, 80, .nan, .infinity, -.infinity, 1e308, -1e308, .leastNonzeroMagnitude].randomElement(using: &random)!
    }

    private mutating func enumNumber(_ name: String) -> Int32 {
        let known = schema.enums[name] ?? [0]
        guard boundary() else {
            if name == "coordination.sharing.v1.LegalBasis", chance(2, in: 3) { return 1 }  // statutory duty: most reads
            return (known.filter { $0 != 0 }.randomElement(using: &random)) ?? 0
        }
        return chance(1, in: 2) ? 0 : [-1, 99, 1 << 20].randomElement(using: &random)!
    }

    private mutating func timestamp() -> [UInt8] {
        let now = Int64(Date().timeIntervalSince1970)
        var writer = WireWriter()
        guard boundary() else {
            writer.varintField(1, UInt64(now + Int64.random(in: -90...400, using: &random) * 86_400))
            return writer.bytes
        }
        let seconds: Int64 = [
            now, now + 86_400 * 7, now - 86_400 * 30, 0, -1, -62_135_596_800, 253_402_300_799, 99_999_999_999_999,
            Int64.max, Int64.min, 4_102_444_800,
        ].randomElement(using: &random)!
        let nanos: Int64 = [0, 0, 0, 999_999_999, 1_000_000_000, -1].randomElement(using: &random)!
        writer.varintField(1, UInt64(bitPattern: seconds))
        writer.varintField(2, UInt64(bitPattern: nanos))
        return writer.bytes
    }

    private mutating func any(depth: Int) -> [UInt8] {
        let type = !boundary() && !ownRecordTypes.isEmpty
            ? ownRecordTypes.randomElement(using: &random)!
            : (schema.recordTypes + ["coordination.nope.v1.Nothing"]).randomElement(using: &random)!
        var writer = WireWriter()
        writer.bytesField(1, Array("type.googleapis.com/\(type)".utf8))
        writer.bytesField(2, boundary() && chance(1, in: 3) ? [0xFF, 0x01, 0x02] : message(type, depth: depth + 1))
        return writer.bytes
    }

    /// Whether this value is a boundary value.
    private mutating func boundary() -> Bool {
        Double.random(in: 0..<1, using: &random) < boundaryRate
    }

    private mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        Int.random(in: 0..<denominator, using: &random) < numerator
    }
}
