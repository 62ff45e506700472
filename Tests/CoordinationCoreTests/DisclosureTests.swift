import CoordinationCore
import Foundation
import PluginAPI
import Testing

/// The disclosure decision for every kind of object, as a table: who (party, another
/// department, a reader who oversees, an administrator) is shown what — denials first.
@Suite("Disclosure")
struct DisclosureTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func reader(_ kind: Caller.Kind, of department: String) -> Reader {
        Reader(Caller(kind: kind, departmentCode: department, name: "\(kind)-\(department)", certificateSerial: "1"))
    }

    /// Readers of departments that are no party, by kind: none of them is shown anything.
    static let outsiders: [Reader] = [
        reader(.system, of: "unions"), reader(.person(.officer), of: "unions"), reader(.person(.administrator), of: "unions"),
        .party(Caller(kind: .person(.coordinator), departmentCode: "unions", name: "c", certificateSerial: "1")),
    ]

    static let overseer = reader(.person(.coordinator), of: "political-legal")

    @Test("only coordinators oversee; an administrator or a system never does")
    func oversight() {
        #expect(Self.overseer.oversees)
        #expect(Self.overseer.confinedTo == nil)
        for reader in Self.outsiders { #expect(!reader.oversees && reader.confinedTo == reader.department) }
    }

    @Test("referrals: whole to the two parties, without personal data to an overseer, nothing to others")
    func referrals() throws {
        let referral = Referral(
            id: UUID(), fromDepartment: "education", toDepartment: "health", subjectPseudonym: "p1:abc",
            reason: "self-harm disclosed to a teacher", urgency: .urgent, urgencyDefaulted: false,
            consent: try #require(ReferralConsent(kind: "given", text: "form 12")), linkedRecordIDs: [UUID()],
            status: .pending, createdBy: "officer", createdAt: Self.t0, acceptBy: Self.t0 + 3600, escalationLevel: 0,
            closingNote: "", decidedAt: nil, closedAt: nil, sourceRecordID: UUID())
        for party in ["education", "health"] {
            #expect(Disclosure.referral(referral, to: Self.reader(.system, of: party)) == referral)
        }
        for outsider in Self.outsiders { #expect(Disclosure.referral(referral, to: outsider) == nil) }
        let overseen = try #require(Disclosure.referral(referral, to: Self.overseer))
        #expect(overseen.subjectPseudonym.isEmpty && overseen.reason.isEmpty && overseen.linkedRecordIDs.isEmpty)
        #expect(overseen.sourceRecordID == nil && overseen.consent == ReferralConsent(kind: "given", text: ""))
        #expect(overseen.status == .pending && overseen.toDepartment == "health")
        let event = ReferralEvent(sequence: 1, kind: .declined, departmentCode: "health", actor: "a", detail: "no capacity", at: Self.t0)
        #expect(Disclosure.referralEvent(event, of: referral, to: Self.overseer).detail.description.isEmpty)
        #expect(Disclosure.referralEvent(event, of: referral, to: Self.reader(.system, of: "education")).detail == "no capacity")
    }

    @Test("tasks and meetings: their departments and overseers; evaluations: one's own, overseers any")
    func tasksMeetingsEvaluations() throws {
        let task = TaskSummary(
            id: UUID(), title: "Follow up", description: "", leadDepartment: "public-security",
            cooperatingDepartments: ["health"], priority: .high, jurisdictionCode: "demo-county", dueAt: Self.t0,
            status: .open, source: .record(UUID()), escalationLevel: 0, createdBy: "server", createdAt: Self.t0,
            completedAt: nil, verifiedAt: nil)
        #expect(Disclosure.shows(task, to: Self.reader(.system, of: "public-security")))
        #expect(Disclosure.shows(task, to: Self.reader(.person(.officer), of: "health")))
        #expect(Disclosure.shows(task, to: Self.overseer))
        for outsider in Self.outsiders { #expect(!Disclosure.shows(task, to: outsider)) }

        let plan = MeetingPlan(
            kind: .caseConference, title: "Case conference", jurisdictionCode: "demo-county", startsAt: Self.t0,
            invitations: [.init(departmentCode: "health", isLead: true)], quorum: 1, subjectPseudonym: "p1:abc")
        var meeting = try plan.draft(id: UUID(), by: Self.overseer.caller, at: Self.t0)
        let health = Self.reader(.system, of: "health")
        #expect(Disclosure.shows(meeting, to: health) && Disclosure.shows(meeting, to: Self.overseer))
        for outsider in Self.outsiders { #expect(!Disclosure.shows(meeting, to: outsider)) }
        // The subject opens only to an invited department, only while convened or in session.
        #expect(throws: CoordinationError.self) { try Disclosure.caseConferenceSubject(of: meeting, for: health) }
        try meeting.convene(at: Self.t0)
        #expect(try Disclosure.caseConferenceSubject(of: meeting, for: health) == "p1:abc")
        for reader in Self.outsiders + [Self.overseer] {
            #expect(throws: CoordinationError.self) { try Disclosure.caseConferenceSubject(of: meeting, for: reader) }
        }

        #expect(try Disclosure.evaluatedDepartment(requested: nil, for: health) == "health")
        #expect(try Disclosure.evaluatedDepartment(requested: "health", for: health) == "health")
        #expect(throws: CoordinationError.self) { try Disclosure.evaluatedDepartment(requested: "education", for: health) }
        #expect(try Disclosure.evaluatedDepartment(requested: nil, for: Self.overseer) == nil)
        #expect(try Disclosure.evaluatedDepartment(requested: "education", for: Self.overseer) == "education")
    }
}
