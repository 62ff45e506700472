import CoordinationCore
import Foundation
import Testing

/// The audit body written field by field is byte for byte what the canonical `JSONEncoder`
/// writes, so entries hash the same whichever wrote them.
@Suite("Canonical audit body")
struct CanonicalAuditBodyTests {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func expectSameAsEncoder(_ event: AuditEvent) throws {
        let expected = String(decoding: try Self.encoder.encode(event), as: UTF8.self)
        #expect(AuditChain.body(of: event) == expected)
    }

    @Test("every optional present and every one absent")
    func optionals() throws {
        let person = Caller(kind: .person(.coordinator), departmentCode: "health", name: "王医生", certificateSerial: "7f3a")
        try expectSameAsEncoder(AuditEvent(
            caller: person, action: "record.read", recordIDs: ["a", "b"], fieldsDisclosed: ["T#x", "T#y"],
            purpose: "risk_assessment", legalBasis: "consent", subjects: ["p1"], detail: "consent 2026/07",
            recordTypes: ["T"], at: Date(timeIntervalSince1970: 1_800_000_000.123)))
        let system = Caller(kind: .system, departmentCode: "education", name: "system-education", certificateSerial: "1")
        try expectSameAsEncoder(AuditEvent(caller: system, action: "meeting.open", at: Date(timeIntervalSince1970: 0)))
    }

    @Test("every ASCII character, and characters beyond it, escaped as the encoder escapes them")
    func escaping() throws {
        var text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        text += "\u{80}\u{9F}\u{A0}é中文😀\u{2028}\u{2029}\u{FEFF}/\\\"</script>"
        let caller = Caller(kind: .system, departmentCode: text, name: text, certificateSerial: text)
        try expectSameAsEncoder(AuditEvent(
            caller: caller, action: text, recordIDs: [text, ""], fieldsDisclosed: [], purpose: text,
            legalBasis: "", subjects: [text], detail: text, recordTypes: []))
    }
}
