import CivilAffairsPlugin
import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import GRPCCore
import Testing

/// The civil affairs plugin over the real server: its view matrix, its rules, and that only
/// the civil affairs department publishes its record types (Plugins/CivilAffairs/README.md).
@Suite("Civil affairs plugin")
struct CivilAffairsPluginTests {
    typealias C = CivilAffairsFixtures

    static let everything = [C.room: C.roomFields, C.rehabilitation: C.rehabilitationFields, C.vulnerable: C.vulnerableFields]
    static let rehabilitationIdentity: Set<String> = ["national_id", "patient_name", "community_code", "enrolled_at"]
    static let vulnerableIdentity: Set<String> = ["national_id", "person_name", "category"]

    static let cases: [ViewCase] = [
        // The publisher sees everything.
        ViewCase("civil-affairs", nil, .caseManagement, .statutoryDuty, sees: everything),
        ViewCase("civil-affairs", .officer, .riskAssessment, .statutoryDuty, sees: everything),
        // Health: the whole rehabilitation record; who is vulnerable, never where or whom to call.
        ViewCase("health", nil, .caseManagement, .statutoryDuty, sees: [
            C.room: C.roomFields, C.rehabilitation: C.rehabilitationFields, C.vulnerable: vulnerableIdentity,
        ]),
        ViewCase("health", .coordinator, .followUp, .consent, sees: [C.vulnerable: vulnerableIdentity]),
        ViewCase("health", nil, .riskAssessment, .statutoryDuty, sees: [C.room: C.roomFields]),
        // Public security: who is in rehabilitation, for joint follow-up only, never health detail.
        ViewCase("public-security", nil, .followUp, .statutoryDuty, sees: [
            C.room: C.roomFields, C.rehabilitation: rehabilitationIdentity,
        ]),
        ViewCase("public-security", nil, .caseManagement, .statutoryDuty, sees: [C.room: C.roomFields]),
        ViewCase("public-security", .officer, .followUp, .consent, sees: [:]),
        // In a claimed emergency, any responder may find and reach a vulnerable person.
        ViewCase("public-security", .officer, .emergencyResponse, .emergency, sees: [C.vulnerable: C.vulnerableFields]),
        ViewCase("health", .officer, .emergencyResponse, .emergency, sees: [C.vulnerable: C.vulnerableFields]),
        ViewCase("education", .coordinator, .emergencyResponse, .emergency, sees: [C.vulnerable: C.vulnerableFields]),
        // The women's federation: who is vulnerable, for its case work.
        ViewCase("womens-federation", nil, .followUp, .statutoryDuty, sees: [
            C.room: C.roomFields, C.vulnerable: vulnerableIdentity,
        ]),
        ViewCase("womens-federation", nil, .emergencyResponse, .statutoryDuty, sees: [C.room: C.roomFields]),
        // Others: the rooms only, under their duty; nothing on other bases.
        ViewCase("political-legal", nil, .followUp, .statutoryDuty, sees: [C.room: C.roomFields]),
        ViewCase("education", .officer, .caseManagement, .consent, sees: [:]),
        ViewCase("unions", nil, .referral, .consent, sees: [:]),
    ]

    @Test("each department sees exactly its view of civil affairs' records; addresses and contacts only in emergencies")
    func viewMatrix() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let civilAffairs = try server.system("civil-affairs")
            for request in [
                try C.publish(C.communityRoom(1), 1),
                try C.publish(C.rehabilitationEnrolment(1), 1),
                try C.publish(C.vulnerablePerson(1), 1),
            ] {
                _ = try await server.sharing(civilAffairs) { try await $0.publish(request) }
            }
            try await PluginFixtures.checkMatrix(
                Self.cases, on: server, allFields: Self.everything, subjectTypes: [C.rehabilitation, C.vulnerable])
        }
    }

    @Test("invalid records are INVALID_ARGUMENT naming every violated field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            var room = C.communityRoom(2)
            room.communityCode = ""
            room.roomType = .unspecified
            room.clearOpenedAt()
            var enrolment = C.rehabilitationEnrolment(2)
            enrolment.nationalID = ""
            enrolment.programme = ""
            // Attendance out of the range the proto declares is refused at the request limits, alone.
            var overAttended = C.rehabilitationEnrolment(6)
            overAttended.attendance = 101
            enrolment.clearEnrolledAt()
            var child = C.vulnerablePerson(2)
            child.guardianContact = ""
            child.address = ""
            var unspecified = C.vulnerablePerson(3)
            unspecified.category = .unspecified
            unspecified.personName = ""
            var mistyped = C.rehabilitationEnrolment(4)
            mistyped.nationalID = "110105200701019999"
            let cases: [(Sharing_PublishRequest, Set<String>)] = [
                (try C.publish(room, 2), ["record.community_code", "record.room_type", "record.opened_at"]),
                (try C.publish(enrolment, 2), ["record.national_id", "record.programme", "record.enrolled_at"]),
                (try C.publish(overAttended, 6), ["record.attendance"]),
                (try C.publish(child, 2), ["record.guardian_contact", "record.address"]),
                (try C.publish(unspecified, 3), ["record.category", "record.person_name"]),
                (try C.publish(mistyped, 4), ["record.national_id"]),
            ]
            for (request, fields) in cases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(try server.system("civil-affairs")) { try await $0.publish(request) }
                }
                #expect(error?.code == .invalidArgument)
                #expect(try PluginFixtures.violatedFields(error) == fields)
                #expect(error?.message.contains("110105200701019999") == false)
            }
            // An elderly person living alone may have no guardian to call.
            var elderly = C.vulnerablePerson(5)
            elderly.category = .elderlyLivingAlone
            elderly.guardianContact = ""
            let stored = try await server.sharing(try server.system("civil-affairs")) { [elderly] in
                try await $0.publish(try C.publish(elderly, 5))
            }
            #expect(!stored.duplicate)
        }
    }

    @Test("another department cannot publish civil affairs' record types")
    func foreignPublisher() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            for (department, request) in [
                ("health", try C.publish(C.rehabilitationEnrolment(6), 6)),
                ("womens-federation", try C.publish(C.vulnerablePerson(6), 6)),
                ("unions", try C.publish(C.communityRoom(6), 6)),
            ] {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(try server.system(department)) { try await $0.publish(request) }
                }
                #expect(error?.code == .permissionDenied, "\(department)")
            }
        }
    }
}
