import CoordinationCore
import EducationPlugin
import Foundation
import PluginAPI
import Testing

/// The pure referral rules: lifecycle, validation, urgency defaults, deadlines, escalation, and
/// what the record policy grants under an active referral.
@Suite("Referral rules")
struct ReferralRulesTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("only the receiver accepts, declines and completes; only the referrer withdraws; wrong states say what is needed")
    func lifecycle() throws {
        #expect(try ReferralLifecycle.accept(.pending, by: .receiving) == .accepted)
        #expect(try ReferralLifecycle.decline(.pending, by: .receiving, reason: "no capacity") == .declined)
        #expect(try ReferralLifecycle.complete(.accepted, by: .receiving, outcome: "seen twice") == .completed)
        #expect(try ReferralLifecycle.withdraw(.pending, by: .referring) == .withdrawn)
        #expect(try ReferralLifecycle.withdraw(.accepted, by: .referring) == .withdrawn)

        let denied = #expect(throws: CoordinationError.self) { try ReferralLifecycle.accept(.pending, by: .referring) }
        #expect(denied?.code == .permissionDenied)
        #expect(denied?.message.description.contains("receiving department") == true)
        #expect((#expect(throws: CoordinationError.self) { try ReferralLifecycle.withdraw(.pending, by: .receiving) })?.code
            == .permissionDenied)

        let early = #expect(throws: CoordinationError.self) {
            try ReferralLifecycle.complete(.pending, by: .receiving, outcome: "done")
        }
        #expect(early?.code == .failedPrecondition)
        #expect(early?.message == "the referral is pending; the receiving department must accept it before completing it")
        let twice = #expect(throws: CoordinationError.self) { try ReferralLifecycle.accept(.accepted, by: .receiving) }
        #expect(twice?.message == "the referral is accepted; accepting needs a pending referral")
        for closed in [ReferralStatus.declined, .completed, .withdrawn] {
            #expect((#expect(throws: CoordinationError.self) { try ReferralLifecycle.withdraw(closed, by: .referring) })?.code
                == .failedPrecondition)
            #expect(!closed.isOpen)
        }
        let noReason = #expect(throws: CoordinationError.self) {
            try ReferralLifecycle.decline(.pending, by: .receiving, reason: "  ")
        }
        #expect(noReason?.code == .invalidArgument)
        #expect(noReason?.violations.map(\.field) == ["reason"])
        #expect((#expect(throws: CoordinationError.self) {
            try ReferralLifecycle.complete(.accepted, by: .receiving, outcome: "")
        })?.violations.map(\.field) == ["outcome"])
    }

    @Test("validation names every bad field")
    func validation() {
        let record = UUID()
        let draft = ReferralDraft(
            toDepartment: "education", subjectPseudonym: "p1:x", reason: "", urgency: nil,
            linkedRecordIDs: [record, record], consent: .emergencyOverride(justification: "short"))
        let error = #expect(throws: CoordinationError.self) { try ReferralRules.validate(draft, from: "education") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.violations.map(\.field) == ["to_department", "reason", "linked_record_ids", "consent.emergency_justification"])
        let basis = #expect(throws: CoordinationError.self) {
            try ReferralRules.validate(
                ReferralDraft(toDepartment: "health", subjectPseudonym: "p1:x", reason: "needs care", urgency: .routine,
                              linkedRecordIDs: [], consent: .notRequired(legalBasis: "")), from: "education")
        }
        #expect(basis?.violations.map(\.field) == ["consent.not_required_basis"])
    }

    @Test("the education plugin's green channel makes a referral to health an emergency unless stated otherwise")
    func greenChannel() throws {
        let registry = try PluginRegistry([EducationPlugin()])
        let defaults = registry.referralDefaults(of: "education")
        #expect(defaults == [ReferralDefault(toDepartment: "health", urgency: .emergency)])
        #expect(registry.referralDefaults(of: "health").isEmpty)
        let green = try ReferralRules.urgency(requested: nil, from: "education", to: "health", defaults: defaults)
        #expect(green.urgency == .emergency && green.defaulted)
        let stated = try ReferralRules.urgency(requested: .routine, from: "education", to: "health", defaults: defaults)
        #expect(stated.urgency == .routine && !stated.defaulted)
        let none = #expect(throws: CoordinationError.self) {
            try ReferralRules.urgency(requested: nil, from: "education", to: "civil-affairs", defaults: defaults)
        }
        #expect(none?.violations.map(\.field) == ["urgency"])
    }

    @Test("deadlines per urgency; the grace is a quarter of the deadline unless configured")
    func deadlines() {
        let deadlines = ReferralDeadlines()
        #expect(deadlines.acceptBy(.emergency, createdAt: Self.start) == Self.start + 3600)
        #expect(deadlines.acceptBy(.urgent, createdAt: Self.start) == Self.start + 86_400)
        #expect(deadlines.acceptBy(.routine, createdAt: Self.start) == Self.start + 7 * 86_400)
        #expect(deadlines.grace(.emergency) == 900)
        #expect(deadlines.grace(.routine) == 42 * 3600)
        #expect(ReferralDeadlines(escalationGrace: 600).grace(.routine) == 600)
    }

    @Test("escalation: level 1 at the deadline to the receiver, level 2 after the grace to the office, never once accepted")
    func escalation() {
        let ladder = ReferralEscalation(officeDepartment: "health")
        let deadline = Self.start + 3600
        func steps(_ now: Date, level: Int = 0, status: ReferralStatus = .pending) -> [DeadlineLadder.Rung] {
            ladder.ladder(status: status, urgency: .emergency, receivingDepartment: "civil-affairs")
                .steps(deadline: deadline, now: now, reached: level)
        }
        #expect(steps(deadline - 1).isEmpty)
        #expect(steps(deadline).map(\.level) == [1])
        #expect(steps(deadline).first?.recipients == ["civil-affairs"])
        #expect(steps(deadline).first?.kind == .referralOverdue)
        #expect(steps(deadline + 899, level: 1).isEmpty)
        #expect(steps(deadline + 900, level: 1).map(\.recipients) == [["health"]])
        #expect(steps(deadline + 900, level: 1).first?.kind == .referralEscalated)
        #expect(steps(deadline + 10_000).map(\.level) == [1, 2])
        #expect(steps(deadline + 10_000, level: 2).isEmpty)
        #expect(steps(deadline + 10_000, status: .accepted).isEmpty)
    }

    @Test("active-referral: a referral id is required; only the open referral to the reader's department admits, and only its records")
    func policy() throws {
        let health = Caller(kind: .system, departmentCode: "health", name: "system-health", certificateSerial: "01")
        let id = UUID()
        let missing = ReadContext(caller: health, purpose: .referral, legalBasis: .activeReferral)
        let invalid = #expect(throws: CoordinationError.self) { try Disclosure.validate(missing) }
        #expect(invalid?.violations.map(\.field) == ["context.referral_id"])

        let context = ReadContext(caller: health, purpose: .referral, legalBasis: .activeReferral, referralID: id)
        try Disclosure.validate(context)
        let open = ReferralAccess(id: id, toDepartment: "health", status: .accepted, linkedRecordIDs: ["r1"])
        #expect(try Disclosure.admit(open, for: context) == ["r1"])
        #expect((#expect(throws: CoordinationError.self) { try Disclosure.admit(nil, for: context) })?.code == .notFound)
        var elsewhere = open
        elsewhere.toDepartment = "civil-affairs"
        #expect((#expect(throws: CoordinationError.self) { try Disclosure.admit(elsewhere, for: context) })?.code == .notFound)
        var closed = open
        closed.status = .completed
        let ended = #expect(throws: CoordinationError.self) { try Disclosure.admit(closed, for: context) }
        #expect(ended?.code == .failedPrecondition)
        #expect(ended?.message.description.hasPrefix("referral \(id.uuidString.lowercased()) is not open") == true)
        #expect(try Disclosure.admit(nil, for: ReadContext(caller: health, purpose: .riskAssessment, legalBasis: .statutoryDuty)) == nil)

        let type = try #require(try PluginRegistry([EducationPlugin()]).recordType(
            named: "coordination.education.v1.StudentScreeningReport")?.type)
        let scope: Set<String> = ["demo-county"]
        let linked = Disclosure.record(
            type: type, publisher: "education", jurisdiction: "demo-county", context: context, scope: scope,
            recordID: "r1", referralRecords: ["r1"])
        guard case .granted(let visible, _) = linked else { Issue.record("the linked record was denied"); return }
        #expect(visible.contains("crisis_summary") && !visible.contains("answers"))
        #expect(Disclosure.record(
            type: type, publisher: "education", jurisdiction: "demo-county", context: context, scope: scope,
            recordID: "r2", referralRecords: ["r1"]) == .denied)
        #expect(Disclosure.record(
            type: type, publisher: "education", jurisdiction: "demo-county", context: context, scope: scope) == .denied)
    }
}
