import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import GRPCCore
import Testing
import UnionsPlugin

/// The trade unions plugin over the real server: its view matrix, its rules, and that only
/// the unions department publishes its record types (Plugins/Unions/README.md) — for the
/// compiled-in plugin and for its package alike.
@Suite("Unions plugin")
struct UnionsPluginTests {
    typealias U = UnionsFixtures

    static let followUpToHealth = U.followUpFields.subtracting(["contact_phone"])
    static let registries: [String: Set<String>] = [U.eap: U.eapFields, U.station: U.stationFields]

    static let cases: [ViewCase] = [
        // The publisher sees everything.
        ViewCase("unions", nil, .caseManagement, .statutoryDuty,
                 sees: [U.eap: U.eapFields, U.station: U.stationFields, U.followUp: U.followUpFields]),
        ViewCase("unions", .officer, .riskAssessment, .statutoryDuty,
                 sees: [U.eap: U.eapFields, U.station: U.stationFields, U.followUp: U.followUpFields]),
        // Health: the registries for every duty; the employee's identity and health, never the phone.
        ViewCase("health", nil, .caseManagement, .statutoryDuty,
                 sees: registries.merging([U.followUp: followUpToHealth]) { a, _ in a }),
        ViewCase("health", .coordinator, .followUp, .consent, sees: [U.followUp: followUpToHealth]),
        ViewCase("health", nil, .followUp, .statutoryDuty,
                 sees: registries.merging([U.followUp: followUpToHealth]) { a, _ in a }),
        // Health for other purposes or bases: registries only under its duty, never the employee.
        ViewCase("health", nil, .riskAssessment, .statutoryDuty, sees: registries),
        ViewCase("health", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("health", nil, .referral, .consent, sees: [:]),
        // Political-legal: the registries only.
        ViewCase("political-legal", nil, .followUp, .statutoryDuty, sees: registries),
        ViewCase("political-legal", .coordinator, .caseManagement, .consent, sees: [:]),
        // Nobody else sees anything, emergencies included.
        ViewCase("education", nil, .caseManagement, .statutoryDuty, sees: [:]),
        ViewCase("public-security", nil, .followUp, .statutoryDuty, sees: [:]),
        ViewCase("public-security", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("civil-affairs", nil, .caseManagement, .consent, sees: [:]),
        ViewCase("womens-federation", .officer, .emergencyResponse, .emergency, sees: [:]),
    ]

    @Test("each department sees exactly its view of the unions' records; employees' data goes to health only",
          arguments: UnionsSource.allCases)
    func viewMatrix(source: UnionsSource) async throws {
        try await source.withServer { server in
            let unions = try server.system("unions")
            for request in [
                try U.publish(U.eapEnrolment(1), 1),
                try U.publish(U.heartStation(1), 1),
                try U.publish(U.assessmentFollowUp(1), 1),
            ] {
                _ = try await server.sharing(unions) { try await $0.publish(request) }
            }
            try await PluginFixtures.checkMatrix(
                Self.cases, on: server,
                allFields: [U.eap: U.eapFields, U.station: U.stationFields, U.followUp: U.followUpFields],
                subjectTypes: [U.followUp])
        }
    }

    @Test("invalid records are INVALID_ARGUMENT naming every violated field", arguments: UnionsSource.allCases)
    func validation(source: UnionsSource) async throws {
        try await source.withServer { server in
            var followUp = U.assessmentFollowUp(2)
            followUp.organisationCode = ""
            followUp.resultLevel = .unspecified
            followUp.followUpActions = ["  "]
            followUp.clearAssessedAt()
            var enrolment = U.eapEnrolment(2)
            enrolment.employeesCovered = 0
            enrolment.provider = ""
            enrolment.clearStartedAt()
            var station = U.heartStation(2)
            station.organisationCode = ""
            station.location = ""
            station.clearOpenedAt()
            let cases: [(Sharing_PublishRequest, Set<String>)] = [
                (try U.publish(followUp, 2), [
                    "record.organisation_code", "record.result_level", "record.follow_up_actions", "record.assessed_at",
                ]),
                (try U.publish(enrolment, 2), ["record.employees_covered", "record.provider", "record.started_at"]),
                (try U.publish(station, 2), ["record.organisation_code", "record.location", "record.opened_at"]),
            ]
            for (request, fields) in cases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(try server.system("unions")) { try await $0.publish(request) }
                }
                #expect(error?.code == .invalidArgument)
                #expect(try PluginFixtures.violatedFields(error) == fields)
            }
            // A mistyped national ID number is named too, and never echoed.
            followUp = U.assessmentFollowUp(3)
            followUp.nationalID = "110105200701019999"
            let request = try U.publish(followUp, 3)
            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("unions")) { try await $0.publish(request) }
            }
            #expect(error?.code == .invalidArgument)
            #expect(try PluginFixtures.violatedFields(error) == ["record.national_id"])
            #expect(error?.message.contains("110105200701019999") == false)
        }
    }

    @Test("another department cannot publish the unions' record types", arguments: UnionsSource.allCases)
    func foreignPublisher(source: UnionsSource) async throws {
        try await source.withServer { server in
            for (department, request) in [
                ("health", try U.publish(U.assessmentFollowUp(4), 4)),
                ("education", try U.publish(U.eapEnrolment(4), 4)),
                ("civil-affairs", try U.publish(U.heartStation(4), 4)),
            ] {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(try server.system(department)) { try await $0.publish(request) }
                }
                #expect(error?.code == .permissionDenied, "\(department)")
            }
        }
    }
}
