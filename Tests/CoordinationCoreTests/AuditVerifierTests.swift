import CoordinationCore
import Foundation
import Testing

/// The streaming verifier finds what verifying a whole chain in memory finds, entry by entry.
@Suite("Audit chain verification, streamed")
struct AuditVerifierTests {
    private let caller = Caller(kind: .system, departmentCode: "education", name: "system-education", certificateSerial: "1")

    private func chain(_ count: Int) -> [AuditChain.Entry] {
        var entries: [AuditChain.Entry] = []
        for n in 0..<count {
            var entry = AuditChain.next(after: entries.last, event: AuditEvent(
                caller: caller, action: "record.read", subjects: n % 2 == 0 ? ["p\(n)", "q\(n)"] : [],
                at: Date(timeIntervalSince1970: 1_800_000_000 + Double(n))))
            entry.subjects = n % 2 == 0 ? ["p\(n)", "q\(n)"] : []
            entries.append(entry)
        }
        return entries
    }

    private func streamed(
        _ entries: [AuditChain.Entry], checkpoints: [AuditCheckpoint] = [], key: AuditCheckpointPublicKey? = nil
    ) -> AuditChain.Verification {
        var verifier = AuditVerifier(checkpoints: checkpoints, publicKey: key)
        for entry in entries where !verifier.isBroken { verifier.add(entry) }
        return verifier.finish()
    }

    @Test("an event's time is ISO 8601 in UTC with milliseconds")
    func timestamp() {
        let event = AuditEvent(caller: caller, action: "x", at: Date(timeIntervalSince1970: 1_796_500_830.125))
        #expect(event.at == "2026-12-05T20:00:30.125Z")
    }

    @Test("intact, changed, removed, reordered, and a lookup column that hides a person")
    func findings() {
        let intact = chain(6)
        #expect(streamed(intact).finding == .intact(entries: 6))

        var changed = intact
        changed[2].body = changed[2].body.replacingOccurrences(of: "record.read", with: "record.reed")
        #expect(streamed(changed).finding == .broken(sequence: 3, problem: "entry 3 was changed"))

        var removed = intact
        removed.remove(at: 3)
        #expect(streamed(removed).finding == .broken(sequence: 4, problem: "entry 4 is missing (removed)"))

        var hidden = intact
        hidden[4].subjects = ["p4"]
        guard case .broken(5, let problem) = streamed(hidden).finding else {
            Issue.record("a person hidden from the lookup column was not found")
            return
        }
        #expect(problem.contains("lookup column of persons differs"))

        var reordered = intact
        reordered[4].subjects = ["q4", "p4"]
        #expect(streamed(reordered).finding == .intact(entries: 6), "the same persons in another order hide no one")

        for entries in [intact, changed, removed, hidden, reordered] {
            #expect(streamed(entries).finding == AuditChain.verify(entries))
        }
    }

    @Test("checkpoints: vouched for, the newest entries removed, a chain rewritten, a foreign key")
    func checkpoints() throws {
        let key = try AuditCheckpointKey(hex: String(repeating: "5a", count: 32))
        let entries = chain(6)
        let signed = [try key.sign(entries[1]), try key.sign(entries[5])]
        #expect(streamed(entries, checkpoints: signed, key: key.publicKey).coveredThrough == 6)

        let truncated = Array(entries.prefix(4))
        guard case .broken(5, let problem) = streamed(truncated, checkpoints: signed, key: key.publicKey).finding else {
            Issue.record("removing the newest entries went unnoticed")
            return
        }
        #expect(problem.contains("entries 5 to 6 are missing"))

        var rewritten = chain(6)
        rewritten[5] = AuditChain.next(after: rewritten[4], event: AuditEvent(caller: caller, action: "record.publish"))
        #expect(streamed(rewritten, checkpoints: signed, key: key.publicKey).finding
            == AuditChain.verify(rewritten, checkpoints: signed, publicKey: key.publicKey).finding)
        guard case .broken(6, _) = streamed(rewritten, checkpoints: signed, key: key.publicKey).finding else {
            Issue.record("a rewritten chain went unnoticed")
            return
        }
        let other = try AuditCheckpointKey(hex: String(repeating: "7e", count: 32)).publicKey
        guard case .broken = streamed(entries, checkpoints: signed, key: other).finding else {
            Issue.record("checkpoints signed by another key were accepted")
            return
        }
    }
}
