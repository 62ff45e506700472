import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Joint meetings over the real server: lifecycle, live stream, quorum, permissions, input.
@Suite("MeetingTests", .serialized)
struct MeetingTests {
    @Test("full lifecycle: agenda, convene with notices, RSVP, check-in both ways, session, minutes, decisions, close; live in order")
    func lifecycle() async throws {
        let clock = ManualClock(MeetingFixtures.start - 86_400)
        try await TestServer.with(configure: { $0.clock = clock }) { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let invited = ["health", "education", "civil-affairs", "public-security"]
            let id = try await server.createMeeting(MeetingFixtures.create(invite: invited, leads: ["health"], quorum: 3))
            try await server.meetings(coordinator) { client in
                _ = try await client.addAgendaItem(.with {
                    $0.meetingID = id
                    $0.title = "Counselling rooms in schools"
                    $0.presentingDepartment = "education"
                    $0.links = ["indicator:school-counselling-rooms"]
                })
                _ = try await client.addAgendaItem(.with {
                    $0.meetingID = id
                    $0.title = "Hotline staffing"
                    $0.presentingDepartment = "health"
                })
            }
            let recorder = LiveRecorder()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await server.meetings(coordinator) { client in
                        try await client.live(.with { $0.meetingID = id }) { response in
                            for try await snapshot in response.messages {
                                recorder.snapshots.withLock { $0.append(snapshot.meeting) }
                            }
                        }
                    }
                }
                let draft = try await recorder.wait { $0.status == .draft }
                #expect(draft.agenda.map(\.title) == ["Counselling rooms in schools", "Hotline staffing"])
                #expect(draft.agenda[0].links == ["indicator:school-counselling-rooms"])

                clock.advance(by: 60)
                _ = try await server.meetings(coordinator) { try await $0.convene(.with { $0.meetingID = id }) }
                _ = try await recorder.wait { $0.status == .convened }
                for department in invited {
                    let notices = try await server.allNotices(try server.system(department), kind: "meeting.convened")
                    #expect(notices.map(\.subject) == ["meeting/\(id)"], "\(department)")
                    #expect(notices.first?.postedAt.date == MeetingFixtures.start - 86_400 + 60)
                }
                #expect(try await server.allNotices(try server.system("unions"), kind: "meeting.convened").isEmpty)

                _ = try await server.meetings(try server.system("education")) {
                    try await $0.rsvp(.with {
                        $0.meetingID = id
                        $0.response = .attending
                        $0.representative = .with { $0.name = "王主任"; $0.role = "deputy director" }
                    })
                }
                _ = try await server.meetings(try server.person(.officer, of: "civil-affairs")) {
                    try await $0.rsvp(.with { $0.meetingID = id; $0.response = .declining })
                }
                clock.set(MeetingFixtures.start)
                try await server.checkIn(["education"], to: id)
                _ = try await server.meetings(coordinator) { try await $0.checkIn(.with { $0.meetingID = id }) }
                _ = try await server.meetings(coordinator) {
                    try await $0.checkIn(.with { $0.meetingID = id; $0.departmentCode = "public-security" })
                }
                let started = try await server.meetings(coordinator) { try await $0.startSession(.with { $0.meetingID = id }) }
                #expect(started.status == .inSession)
                #expect(started.present == 3)
                #expect(started.quorumMet)
                _ = try await recorder.wait { $0.status == .inSession }

                let consensus = try await server.meetings(coordinator) { client in
                    _ = try await client.setCurrentItem(.with { $0.meetingID = id; $0.position = 1 })
                    _ = try await client.recordMinutes(.with { $0.meetingID = id; $0.agendaItem = 1; $0.minutes = "Rooms in 60% of schools." })
                    return try await client.recordConsensus(.with {
                        $0.meetingID = id; $0.agendaItem = 1; $0.text = "Every school sets up a counselling room by 2027"
                    })
                }
                #expect(consensus.status == .adopted)
                #expect(consensus.method == .consensus)
                _ = try await recorder.wait { $0.currentItem == 1 && $0.decisions.count == 1 }

                let motion = try await server.meetings(coordinator) { client in
                    _ = try await client.setCurrentItem(.with { $0.meetingID = id; $0.position = 2 })
                    return try await client.openVote(.with { $0.meetingID = id; $0.agendaItem = 2; $0.motion = "Staff the hotline 7×24" })
                }
                #expect(motion.status == .voting)
                for (department, choice) in [("health", Meetings_VoteChoice.yes), ("education", .yes), ("public-security", .no)] {
                    _ = try await server.meetings(try server.system(department)) {
                        try await $0.castVote(.with { $0.meetingID = id; $0.decisionID = motion.decisionID; $0.choice = choice })
                    }
                }
                let closedVote = try await server.meetings(coordinator) {
                    try await $0.closeVote(.with { $0.meetingID = id; $0.decisionID = motion.decisionID })
                }
                #expect(closedVote.status == .adopted)
                #expect(closedVote.tally.yes == 2 && closedVote.tally.no == 1 && closedVote.tally.abstain == 0)
                #expect(Set(closedVote.votedDepartments) == ["health", "education", "public-security"])
                _ = try await recorder.wait { $0.decisions.last?.status == .adopted && $0.decisions.count == 2 }

                clock.advance(by: 7200)
                let closed = try await server.meetings(coordinator) { client in
                    _ = try await client.recordMinutes(.with { $0.meetingID = id; $0.agendaItem = 2; $0.minutes = "Hotline to run 7×24." })
                    return try await client.closeMeeting(.with { $0.meetingID = id })
                }
                #expect(closed.status == .closed)
                #expect(closed.endedAt.date == MeetingFixtures.start + 7200)
                try await group.waitForAll()  // the stream ends after the closed snapshot
            }

            let snapshots = recorder.snapshots.withLock { $0 }
            let versions = snapshots.map(\.version)
            #expect(versions == versions.sorted() && Set(versions).count == versions.count, "versions \(versions)")
            let order: [Meetings_MeetingStatus] = [.draft, .convened, .inSession, .closed]
            let statuses = snapshots.map { order.firstIndex(of: $0.status) ?? -1 }
            #expect(statuses == statuses.sorted() && statuses.first == 0, "statuses \(snapshots.map(\.status))")
            let last = try #require(snapshots.last)
            #expect(last.status == .closed)
            #expect(last.decisions.map(\.status) == [.adopted, .adopted])
            #expect(last.decisions[1].tally.yes == 2)
            let byDepartment = Dictionary(uniqueKeysWithValues: last.invitees.map { ($0.departmentCode, $0) })
            #expect(byDepartment["education"]?.checkedInBy == "system-education")
            #expect(byDepartment["public-security"]?.checkedInBy == "coordinator-health")
            #expect(byDepartment["health"]?.checkedInBy == "coordinator-health")
            #expect(byDepartment["civil-affairs"]?.checkedIn == false)
            #expect(byDepartment["education"]?.representative.name == "王主任")
            #expect(byDepartment["education"]?.checkedInAt.date == MeetingFixtures.start)
            #expect(byDepartment["civil-affairs"]?.rsvp == .declining)
        }
    }

    @Test("start is refused while a lead department is missing, and while one short of quorum")
    func startNeedsLeadAndQuorum() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let id = try await server.convenedMeeting(MeetingFixtures.create(
                invite: ["health", "education", "civil-affairs", "unions"], leads: ["health"], quorum: 3))
            try await server.checkIn(["education", "civil-affairs"], to: id)
            let short = await #expect(throws: RPCError.self) {
                try await server.meetings(coordinator) { try await $0.startSession(.with { $0.meetingID = id }) }
            }
            #expect(short?.code == .failedPrecondition)
            #expect(short?.message.contains("1 more needed") == true)
            #expect(short?.message.contains("lead departments not checked in: health") == true)
            try await server.checkIn(["unions"], to: id)
            let leadMissing = await #expect(throws: RPCError.self) {
                try await server.meetings(coordinator) { try await $0.startSession(.with { $0.meetingID = id }) }
            }
            #expect(leadMissing?.code == .failedPrecondition)
            #expect(leadMissing?.message.contains("lead departments not checked in: health") == true)
            #expect(leadMissing?.message.contains("quorum") == false)
            try await server.checkIn(["health"], to: id)
            let started = try await server.meetings(coordinator) { try await $0.startSession(.with { $0.meetingID = id }) }
            #expect(started.status == .inSession)
        }
    }

    @Test("close is refused without minutes, naming the agenda items")
    func closeNeedsMinutes() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let id = try await server.createMeeting(MeetingFixtures.create(invite: ["health", "education"]))
            try await server.meetings(coordinator) { client in
                for title in ["One", "Two", "Three"] {
                    _ = try await client.addAgendaItem(.with { $0.meetingID = id; $0.title = title; $0.presentingDepartment = "health" })
                }
                _ = try await client.convene(.with { $0.meetingID = id })
            }
            try await server.checkIn(["health", "education"], to: id)
            _ = try await server.meetings(coordinator) { client in
                _ = try await client.startSession(.with { $0.meetingID = id })
                _ = try await client.recordMinutes(.with { $0.meetingID = id; $0.agendaItem = 1; $0.minutes = "noted" })
            }
            let error = await #expect(throws: RPCError.self) {
                try await server.meetings(coordinator) { try await $0.closeMeeting(.with { $0.meetingID = id }) }
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message == "cannot close: minutes missing for agenda items: 2, 3")
            let meeting = try await server.meetings(coordinator) { try await $0.getMeeting(.with { $0.meetingID = id }) }
            #expect(meeting.status == .inSession)
        }
    }

    @Test("officers cannot run meetings; uninvited departments neither see nor act; one vote per department present")
    func permissions() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let officer = try server.person(.officer, of: "health")
            let denied = await #expect(throws: RPCError.self) {
                try await server.meetings(officer) { try await $0.createMeeting(MeetingFixtures.create()) }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.contains("'meetings.manage'") == true)

            let id = try await server.createMeeting(MeetingFixtures.create(invite: ["health", "education", "civil-affairs"], quorum: 2))
            _ = try await server.meetings(coordinator) {
                try await $0.addAgendaItem(.with { $0.meetingID = id; $0.title = "Item"; $0.presentingDepartment = "health" })
            }
            let cannotConvene = await #expect(throws: RPCError.self) {
                try await server.meetings(try server.person(.officer, of: "education")) { try await $0.convene(.with { $0.meetingID = id }) }
            }
            #expect(cannotConvene?.code == .permissionDenied)
            _ = try await server.meetings(coordinator) { try await $0.convene(.with { $0.meetingID = id }) }

            // Not invited: the meeting does not exist for them.
            let unions = try server.system("unions")
            for attempt in [
                { try await server.meetings(unions) { _ = try await $0.getMeeting(.with { $0.meetingID = id }) } },
                { try await server.meetings(unions) { _ = try await $0.checkIn(.with { $0.meetingID = id }) } },
                { try await server.meetings(unions) { _ = try await $0.rsvp(.with { $0.meetingID = id; $0.response = .attending; $0.representative.name = "x" }) } },
                { try await server.meetings(unions) { try await $0.live(.with { $0.meetingID = id }) { for try await _ in $0.messages {} } } },
            ] as [@Sendable () async throws -> Void] {
                let error = await #expect(throws: RPCError.self) { try await attempt() }
                #expect(error?.code == .notFound)
            }
            #expect(try await server.meetings(unions) { try await $0.listMeetings(.init()) }.meetings.isEmpty)
            #expect(try await server.meetings(try server.system("education")) { try await $0.listMeetings(.init()) }.meetings.map(\.meetingID) == [id])
            #expect(try await server.meetings(try server.person(.coordinator, of: "unions")) { try await $0.listMeetings(.init()) }.meetings.count == 1)
            // A department checks in only itself.
            let other = await #expect(throws: RPCError.self) {
                try await server.meetings(try server.system("education")) { try await $0.checkIn(.with { $0.meetingID = id; $0.departmentCode = "health" }) }
            }
            #expect(other?.code == .permissionDenied)

            try await server.checkIn(["health", "education"], to: id)
            let motion = try await server.meetings(coordinator) { client in
                _ = try await client.startSession(.with { $0.meetingID = id })
                return try await client.openVote(.with { $0.meetingID = id; $0.agendaItem = 1; $0.motion = "Adopt the plan" })
            }
            func vote(_ credentials: ClientCredentials) async throws {
                _ = try await server.meetings(credentials) {
                    try await $0.castVote(.with { $0.meetingID = id; $0.decisionID = motion.decisionID; $0.choice = .yes })
                }
            }
            try await vote(try server.system("education"))
            let twice = await #expect(throws: RPCError.self) { try await vote(try server.person(.officer, of: "education")) }
            #expect(twice?.code == .alreadyExists)
            let absent = await #expect(throws: RPCError.self) { try await vote(try server.system("civil-affairs")) }
            #expect(absent?.code == .failedPrecondition)
            #expect(absent?.message.contains("has not checked in") == true)
            let uninvited = await #expect(throws: RPCError.self) { try await vote(unions) }
            #expect(uninvited?.code == .notFound)
            let decision = try await server.meetings(coordinator) { try await $0.getMeeting(.with { $0.meetingID = id }) }.decisions[0]
            #expect(decision.tally.yes == 1 && decision.votedDepartments == ["education"])
        }
    }

    @Test("bad input is INVALID_ARGUMENT naming the field")
    func invalidInput() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let cases: [(Meetings_CreateMeetingRequest, String)] = [
                (MeetingFixtures.create(invite: ["health", "no-such-department"]), "invitees[1].department_code"),
                (MeetingFixtures.create(title: "  "), "title"),
                (MeetingFixtures.create(.unspecified), "kind"),
                (MeetingFixtures.create(jurisdiction: "atlantis"), "jurisdiction_code"),
                (MeetingFixtures.create(invite: ["health", "education"], quorum: 3), "quorum"),
                (MeetingFixtures.create(invite: []), "invitees"),
                (MeetingFixtures.create(subjectNationalID: Fixtures.nationalID(7)), "subject_national_id"),
                (MeetingFixtures.create(.caseConference, subjectNationalID: "12345"), "subject_national_id"),
            ]
            for (request, field) in cases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.meetings(coordinator) { try await $0.createMeeting(request) }
                }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.contains(field + ":") == true, "\(field): \(error?.message ?? "")")
            }
            let id = try await server.createMeeting(MeetingFixtures.create())
            let badLink = await #expect(throws: RPCError.self) {
                try await server.meetings(coordinator) {
                    try await $0.addAgendaItem(.with {
                        $0.meetingID = id; $0.title = "x"; $0.presentingDepartment = "health"; $0.links = ["task:not-a-uuid"]
                    })
                }
            }
            #expect(badLink?.code == .invalidArgument)
            #expect(badLink?.message.contains("links[0]") == true)
            #expect(try await server.meetings(coordinator) { try await $0.listMeetings(.init()) }.meetings.count == 1)
        }
    }

    @Test("compliance lists the years and counties whose leading group did not meet")
    func compliance() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            _ = try await server.directory(try server.pki.admin) {
                try await $0.createJurisdiction(.with {
                    $0.jurisdiction = .with { $0.code = "north-county"; $0.nameZh = "北县"; $0.nameEn = "North County"; $0.level = .county }
                })
            }
            let coordinator = try server.person(.coordinator, of: "health")
            let year2025 = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15
            // demo-county: a closed leading-group meeting in 2025; a cancelled one and a joint meeting in 2026 do not count.
            let held = try await server.convenedMeeting(MeetingFixtures.create(.leadingGroup, invite: ["health"], startsAt: year2025))
            try await server.checkIn(["health"], to: held)
            _ = try await server.meetings(coordinator) { client in
                _ = try await client.startSession(.with { $0.meetingID = held })
                _ = try await client.recordMinutes(.with { $0.meetingID = held; $0.agendaItem = 1; $0.minutes = "annual review" })
                _ = try await client.closeMeeting(.with { $0.meetingID = held })
            }
            let cancelled = try await server.convenedMeeting(MeetingFixtures.create(.leadingGroup, invite: ["health"]))
            _ = try await server.meetings(coordinator) { try await $0.cancelMeeting(.with { $0.meetingID = cancelled }) }
            #expect(try await server.allNotices(try server.system("health"), kind: "meeting.cancelled").map(\.subject) == ["meeting/\(cancelled)"])
            _ = try await server.createMeeting(MeetingFixtures.create(.joint, invite: ["health"]))

            let gaps = try await server.meetings(coordinator) {
                try await $0.leadingGroupCompliance(.with { $0.fromYear = 2024; $0.toYear = 2026 })
            }.gaps.map { "\($0.year) \($0.jurisdictionCode)" }
            #expect(gaps == [
                "2024 demo-county", "2024 north-county", "2025 north-county", "2026 demo-county", "2026 north-county",
            ])
            let bad = await #expect(throws: RPCError.self) {
                try await server.meetings(coordinator) { try await $0.leadingGroupCompliance(.with { $0.fromYear = 2026; $0.toYear = 2024 }) }
            }
            #expect(bad?.code == .invalidArgument)
            #expect(bad?.message.contains("to_year") == true)
            let officer = await #expect(throws: RPCError.self) {
                try await server.meetings(try server.system("health")) { try await $0.leadingGroupCompliance(.with { $0.fromYear = 2024; $0.toYear = 2024 }) }
            }
            #expect(officer?.code == .permissionDenied)
        }
    }
}
