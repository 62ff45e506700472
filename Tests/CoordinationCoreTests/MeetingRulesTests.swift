import CoordinationCore
import Foundation
import Testing

/// The meeting lifecycle as a pure state machine: quorum arithmetic, transitions, votes.
@Suite("MeetingRulesTests")
struct MeetingRulesTests {
    static let coordinator = Caller(kind: .person(.coordinator), departmentCode: "health", name: "Li", certificateSerial: "01")
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func plan(_ codes: [String], leads: Set<String> = [], quorum: Int = 0) -> MeetingPlan {
        MeetingPlan(
            kind: .joint, title: "Quarterly joint meeting", jurisdictionCode: "demo-county", startsAt: t0,
            invitations: codes.map { .init(departmentCode: $0, isLead: leads.contains($0)) }, quorum: quorum)
    }

    /// A convened meeting with one agenda item.
    static func convened(_ codes: [String], leads: Set<String> = [], quorum: Int = 0) throws -> Meeting {
        var meeting = try plan(codes, leads: leads, quorum: quorum).draft(id: UUID(), by: coordinator, at: t0)
        try meeting.addAgendaItem(title: "Screening follow-up", presentingDepartment: codes[0], links: [])
        try meeting.convene(at: t0)
        return meeting
    }

    static func violationFields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            let error = error as? CoordinationError
            #expect(error?.code == .invalidArgument)
            return error?.violations.map(\.field) ?? []
        }
    }

    @Test("the default quorum is a majority of those invited")
    func defaultQuorum() throws {
        #expect(Attendance.majority(of: 1) == 1)
        #expect(Attendance.majority(of: 2) == 2)
        #expect(Attendance.majority(of: 3) == 2)
        #expect(Attendance.majority(of: 4) == 3)
        #expect(try Self.plan(["a1", "b1", "c1", "d1", "e1"]).draft(id: UUID(), by: Self.coordinator, at: Self.t0).quorum == 3)
        #expect(try Self.plan(["a1", "b1", "c1"], quorum: 3).draft(id: UUID(), by: Self.coordinator, at: Self.t0).quorum == 3)
    }

    @Test("a quorum larger than the invited list, a negative quorum and zero invitees are rejected")
    func badQuorum() {
        #expect(Self.violationFields { _ = try Self.plan(["a1", "b1"], quorum: 3).draft(id: UUID(), by: Self.coordinator, at: Self.t0) } == ["quorum"])
        #expect(Self.violationFields { _ = try Self.plan(["a1", "b1"], quorum: -1).draft(id: UUID(), by: Self.coordinator, at: Self.t0) } == ["quorum"])
        #expect(Self.violationFields { _ = try Self.plan([]).draft(id: UUID(), by: Self.coordinator, at: Self.t0) } == ["invitees"])
    }

    @Test("each bad field of a plan is named")
    func badPlan() {
        var plan = Self.plan(["health", "health", "Bad Code"])
        plan.kind = nil
        plan.title = "  "
        plan.startsAt = nil
        plan.jurisdictionCode = "Bad"
        plan.subjectPseudonym = "p1:abc"
        let fields = Self.violationFields { _ = try plan.draft(id: UUID(), by: Self.coordinator, at: Self.t0) }
        #expect(fields == [
            "kind", "title", "jurisdiction_code", "starts_at", "invitees[1].department_code",
            "invitees[2].department_code", "subject_national_id",
        ])
    }

    @Test("starting exactly at quorum succeeds; one short fails saying how many more")
    func exactlyAtQuorum() throws {
        var meeting = try Self.convened(["health", "education", "civil-affairs", "unions"], quorum: 3)
        try meeting.checkIn(department: "health", by: "x", at: Self.t0)
        try meeting.checkIn(department: "education", by: "x", at: Self.t0)
        var short = meeting
        do {
            try short.start(at: Self.t0)
            Issue.record("started one short of quorum")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.description.contains("2 of 3"))
            #expect(error.message.description.contains("1 more needed"))
        }
        #expect(short.status == .convened)
        try meeting.checkIn(department: "unions", by: "x", at: Self.t0)
        #expect(meeting.attendance.isMet)
        try meeting.start(at: Self.t0)
        #expect(meeting.status == .inSession)
    }

    @Test("a missing lead department blocks the start even above quorum")
    func leadMissing() throws {
        var meeting = try Self.convened(["health", "education", "civil-affairs"], leads: ["health"], quorum: 1)
        try meeting.checkIn(department: "education", by: "x", at: Self.t0)
        try meeting.checkIn(department: "civil-affairs", by: "x", at: Self.t0)
        #expect(meeting.attendance.missingLeads == ["health"])
        do {
            try meeting.start(at: Self.t0)
            Issue.record("started without the lead department")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.description.contains("lead departments not checked in: health"))
            #expect(!error.message.description.contains("quorum not met"))
        }
    }

    @Test("transitions follow draft → convened → in session → closed, and only from the right states")
    func lifecycle() throws {
        var meeting = try Self.plan(["health", "education"]).draft(id: UUID(), by: Self.coordinator, at: Self.t0)
        #expect(meeting.version == 1)
        #expect(throws: CoordinationError.self) { try meeting.start(at: Self.t0) }
        #expect(throws: CoordinationError.self) { try meeting.checkIn(department: "health", by: "x", at: Self.t0) }
        try meeting.addAgendaItem(title: "Item one", presentingDepartment: "health", links: [MeetingLink(target: .indicator, reference: "ind-1")])
        try meeting.addAgendaItem(title: "Item two", presentingDepartment: "education", links: [])
        #expect(Self.violationFields { try meeting.addAgendaItem(title: "x", presentingDepartment: "unions", links: []) } == ["presenting_department"])
        try meeting.convene(at: Self.t0)
        #expect(throws: CoordinationError.self) { try meeting.convene(at: Self.t0) }
        try meeting.checkIn(department: "health", by: "x", at: Self.t0)
        #expect(throws: CoordinationError.self) { try meeting.checkIn(department: "health", by: "x", at: Self.t0) }
        try meeting.checkIn(department: "education", by: "x", at: Self.t0)
        try meeting.start(at: Self.t0)
        #expect(throws: CoordinationError.self) { try meeting.cancel(reason: "", at: Self.t0) }
        try meeting.recordMinutes(item: 1, text: "discussed", by: "Li", at: Self.t0)
        do {
            try meeting.close(at: Self.t0)
            Issue.record("closed without minutes")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "cannot close: minutes missing for agenda items: 2")
        }
        try meeting.recordMinutes(item: 2, text: "agreed", by: "Li", at: Self.t0)
        try meeting.close(at: Self.t0)
        #expect(meeting.status == .closed)
        #expect(meeting.version == 10)  // 1 + 2 items + convene + 2 check-ins + start + 2 minutes + close
    }

    @Test("one vote per department present; passes only with more yes than no")
    func votes() throws {
        var meeting = try Self.convened(["health", "education", "unions"])
        try meeting.checkIn(department: "health", by: "x", at: Self.t0)
        try meeting.checkIn(department: "education", by: "x", at: Self.t0)
        try meeting.start(at: Self.t0)
        let motion = UUID()
        try meeting.openVote(id: motion, item: 1, motion: "Fund two counsellors", by: "Li", at: Self.t0)
        #expect(throws: CoordinationError.self) { try meeting.openVote(id: UUID(), item: 1, motion: "another", by: "Li", at: Self.t0) }
        try meeting.castVote(decision: motion, department: "health", choice: .yes, by: "h", at: Self.t0)
        do {
            try meeting.castVote(decision: motion, department: "health", choice: .no, by: "h", at: Self.t0)
            Issue.record("a second vote was counted")
        } catch { #expect(error.code == .alreadyExists) }
        do {
            try meeting.castVote(decision: motion, department: "unions", choice: .yes, by: "u", at: Self.t0)
            Issue.record("a department not checked in voted")
        } catch { #expect(error.code == .failedPrecondition) }
        try meeting.castVote(decision: motion, department: "education", choice: .no, by: "e", at: Self.t0)
        #expect(meeting.decision(motion)?.tally == .init(yes: 1, no: 1, abstain: 0))
        do {
            try meeting.close(at: Self.t0)
            Issue.record("closed with a vote open")
        } catch { #expect(error.message.description.contains("a vote is still open")) }
        try meeting.closeVote(decision: motion, at: Self.t0)
        #expect(meeting.decision(motion)?.status == .rejected)
        #expect(throws: CoordinationError.self) {
            try meeting.castVote(decision: motion, department: "education", choice: .yes, by: "e", at: Self.t0)
        }
        #expect(MeetingDecision.Tally(yes: 2, no: 1, abstain: 5).passes)
        #expect(!MeetingDecision.Tally(yes: 0, no: 0, abstain: 3).passes)
    }

    @Test("convening notifies every invitee; cancelling a convened meeting too; a draft's cancel notifies no one")
    func notices() throws {
        let draft = try Self.plan(["health", "education"], leads: ["health"]).draft(id: UUID(), by: Self.coordinator, at: Self.t0)
        var convened = draft
        try convened.convene(at: Self.t0)
        let sent = MeetingNotices.drafts(from: draft, to: convened)
        #expect(sent.map(\.departmentCode) == ["health", "education"])
        #expect(sent.allSatisfy { $0.kind == .meetingConvened })
        var cancelled = convened
        #expect(try cancelled.cancel(reason: "typhoon", at: Self.t0))
        #expect(MeetingNotices.drafts(from: convened, to: cancelled).map(\.kind) == [.meetingCancelled, .meetingCancelled])
        var cancelledDraft = draft
        #expect(try !cancelledDraft.cancel(reason: "", at: Self.t0))
        #expect(MeetingNotices.drafts(from: draft, to: cancelledDraft).isEmpty)
    }

    @Test("links are typed references")
    func links() throws {
        let id = UUID()
        #expect(try MeetingLink(parsing: "record:\(id.uuidString)", field: "links[0]").reference == id.uuidString.lowercased())
        #expect(try MeetingLink(parsing: "indicator:counselling-rooms", field: "links[0]").target == .indicator)
        for bad in ["record:42", "meeting:\(id)", "task", "indicator:"] {
            #expect(Self.violationFields { _ = try MeetingLink(parsing: bad, field: "links[0]") } == ["links[0]"])
        }
    }
}
