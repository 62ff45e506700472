import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// A case conference shows each invited department the person's records through its own view.
@Suite("MeetingCaseConferenceTests")
struct MeetingCaseConferenceTests {
    @Test("each invited department sees exactly what its own view grants; others are denied")
    func ownViewsOnly() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let published = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(2)) }  // someone else
            let coordinator = try server.person(.coordinator, of: "health")
            let id = try await server.createMeeting(MeetingFixtures.create(
                .caseConference, title: "Case conference: student at risk",
                invite: ["education", "health", "public-security"], subjectNationalID: Fixtures.nationalID(1)))

            // The meeting itself carries neither the ID number nor the pseudonym, to anyone it is shown to.
            for credentials in [coordinator, try server.system("public-security"), try server.system("health")] {
                let meeting = try await server.meetings(credentials) { try await $0.getMeeting(.with { $0.meetingID = id }) }
                #expect(meeting.aboutPerson)
                let json = try meeting.jsonString()
                #expect(!json.contains(Fixtures.nationalID(1)) && !json.contains(published.subjectPseudonym))
                let listed = try await server.meetings(credentials) { try await $0.listMeetings(.init()) }
                #expect(!(try listed.jsonString()).contains(published.subjectPseudonym))
            }

            func records(_ credentials: ClientCredentials, _ context: Sharing_ReadContext) async throws -> [Sharing_SharedRecord] {
                try await server.meetings(credentials) {
                    try await $0.caseConferenceRecords(.with { $0.meetingID = id; $0.context = context })
                }.records
            }
            func shared(_ credentials: ClientCredentials, _ context: Sharing_ReadContext) async throws -> [Sharing_SharedRecord] {
                try await server.sharing(credentials) {
                    try await $0.query(.with { $0.context = context; $0.subjectNationalID = Fixtures.nationalID(1) })
                }.records
            }
            let risk = Fixtures.context(.riskAssessment, .statutoryDuty)
            let health = try server.system("health")
            let notYet = await #expect(throws: RPCError.self) { try await records(health, risk) }
            #expect(notYet?.code == .failedPrecondition)

            try await server.meetings(coordinator) { _ = try await $0.convene(.with { $0.meetingID = id }) }

            let healthRecords = try await records(health, risk)
            #expect(healthRecords.map(\.recordID) == [published.recordID])
            #expect(healthRecords == (try await shared(health, risk)))
            let fields = Set(try #require(healthRecords.first).fields.fields.keys)
            #expect(fields.contains("national_id") && fields.contains("risk_level"))
            #expect(!fields.contains("answers") && !fields.contains("guardian_phone") && !fields.contains("crisis_summary"))

            let caseManagement = Fixtures.context(.caseManagement, .statutoryDuty)
            #expect(try await records(health, caseManagement).isEmpty)
            #expect(try await shared(health, caseManagement).isEmpty)

            let publicSecurity = try server.system("public-security")
            #expect(try await records(publicSecurity, risk) == (try await shared(publicSecurity, risk)))
            #expect(try await records(publicSecurity, risk).isEmpty)

            let own = try await records(education, caseManagement)
            #expect(own == (try await shared(education, caseManagement)))
            #expect(Set(try #require(own.first).fields.fields.keys).contains("answers"))

            let unions = await #expect(throws: RPCError.self) { try await records(try server.system("unions"), risk) }
            #expect(unions?.code == .notFound)
            let uninvitedCoordinator = await #expect(throws: RPCError.self) {
                try await records(try server.person(.coordinator, of: "unions"), risk)
            }
            #expect(uninvitedCoordinator?.code == .permissionDenied)
            let noContext = await #expect(throws: RPCError.self) { try await records(health, Sharing_ReadContext()) }
            #expect(noContext?.code == .invalidArgument)
            #expect(noContext?.message.contains("context.purpose") == true)

            _ = try await server.meetings(coordinator) { try await $0.cancelMeeting(.with { $0.meetingID = id; $0.reason = "resolved" }) }
            let ended = await #expect(throws: RPCError.self) { try await records(health, risk) }
            #expect(ended?.code == .failedPrecondition)
        }
    }
}
