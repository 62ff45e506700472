import CoordinationCore
import EducationPlugin
import Foundation
import PluginAPI
import Testing

@Suite("Privacy primitives")
struct PrivacyPrimitivesTests {
    private let pseudonymizer = try! Pseudonymizer(hexSecret: String(repeating: "11", count: 32))

    @Test("national ID numbers are normalised and checked")
    func nationalIDs() throws {
        let valid = NationalID.withCheckCharacter("11010519491231002")
        #expect(valid == "11010519491231002X")
        #expect(try NationalID.normalise("110105 19491231 002x", field: "id") == valid)
        #expect(throws: CoordinationError.self) { try NationalID.normalise("110105194912310021", field: "id") }
        #expect(throws: CoordinationError.self) { try NationalID.normalise("12345", field: "id") }
    }

    @Test("pseudonyms match across spellings, differ across people and keys, and never contain the number")
    func pseudonyms() throws {
        let id = NationalID.withCheckCharacter("11010519491231002")
        let a = try pseudonymizer.pseudonym(nationalID: id, field: "id")
        #expect(try pseudonymizer.pseudonym(nationalID: id.lowercased(), field: "id") == a)
        #expect(try pseudonymizer.pseudonym(nationalID: NationalID.withCheckCharacter("11010519491231003"), field: "id") != a)
        let other = try Pseudonymizer(hexSecret: String(repeating: "22", count: 32))
        #expect(try other.pseudonym(nationalID: id, field: "id") != a)
        #expect(!a.contains("1101051949"))
        #expect(throws: CoordinationError.self) { try Pseudonymizer(hexSecret: "abcd") }
    }

    @Test("hex is two lower-case digits a byte, and reads back")
    func hex() {
        let bytes: [UInt8] = [0x00, 0x01, 0x0F, 0x10, 0xA5, 0xFF]
        #expect(bytes.hex == "00010f10a5ff")
        #expect(Data(bytes).hex == "00010f10a5ff")
        #expect([UInt8](hexString: bytes.hex) == bytes)
        #expect([UInt8]().hex == "")
    }

    @Test("the audit chain detects a changed body and a broken link")
    func chain() {
        let caller = Caller(kind: .system, departmentCode: "education", name: "s", certificateSerial: "01")
        var entries: [AuditChain.Entry] = []
        for action in ["a", "b", "c"] {
            entries.append(AuditChain.next(after: entries.last, event: AuditEvent(caller: caller, action: action)))
        }
        #expect(AuditChain.verify(entries) == .intact(entries: 3))
        var changed = entries
        changed[1].body = changed[1].body.replacingOccurrences(of: "\"b\"", with: "\"x\"")
        #expect(AuditChain.verify(changed) == .broken(sequence: 2, problem: "entry 2 was changed"))
        var relinked = entries
        relinked[2].previousHash = AuditChain.genesis
        guard case .broken(3, _) = AuditChain.verify(relinked) else {
            Issue.record("a broken link went unnoticed")
            return
        }
    }

    @Test("the policy withholds publisher-only fields even where a view grants their sensitivity")
    func publisherOnly() throws {
        let type = try #require(try PluginRegistry([EducationPlugin()]).recordType(named: "coordination.education.v1.StudentScreeningReport")?.type)
        let officer = Caller(kind: .person(.officer), departmentCode: "health", name: "o", certificateSerial: "02")
        let context = ReadContext(caller: officer, purpose: .caseManagement, legalBasis: .emergency, justification: "a real emergency")
        guard case .granted(let visible, let withheld) = Disclosure.record(
            type: type, publisher: "education", jurisdiction: "c", context: context, scope: ["c"]) else {
            Issue.record("health was denied its emergency view")
            return
        }
        #expect(visible.contains("crisis_summary"))
        #expect(!visible.contains("answers"))
        #expect(withheld.map(\.field) == ["answers"])
        #expect(Disclosure.record(type: type, publisher: "education", jurisdiction: "elsewhere", context: context, scope: ["c"]) == .denied)
    }
}
