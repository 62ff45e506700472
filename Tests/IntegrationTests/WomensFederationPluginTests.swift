import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import GRPCCore
import Testing
import WomensFederationPlugin

/// The women's federation plugin over the real server: the strictest view matrix with its
/// denials, access under referrals made with the referrals API, victims' location and contact
/// hidden from all but public security under a referral or an emergency, validation, and that
/// only the federation publishes its record types (Plugins/WomensFederation/README.md).
@Suite("Women's federation plugin")
struct WomensFederationPluginTests {
    typealias W = WomensFederationFixtures

    static let identityAndGeneral: Set<String> = ["national_id", "victim_name", "case_type", "support_status", "opened_at"]
    /// Public security protecting the victim: who, the case, where she is and how to reach her.
    static let supportToPolice = identityAndGeneral.union(["current_location", "contact_phone"])
    /// Health treating the victim under a referral: who, the case and the counselling notes.
    static let supportToHealth = identityAndGeneral.union(["counselling_notes"])

    static let cases: [ViewCase] = [
        // The publisher sees everything, whatever it states.
        ViewCase("womens-federation", nil, .caseManagement, .statutoryDuty, sees: W.allFields),
        ViewCase("womens-federation", .officer, .followUp, .consent, sees: W.allFields),
        // A claimed emergency: public security sees where the victim is; health who she is.
        ViewCase("public-security", .officer, .emergencyResponse, .emergency, sees: [W.support: supportToPolice]),
        ViewCase("public-security", .coordinator, .emergencyResponse, .emergency, sees: [W.support: supportToPolice]),
        ViewCase("health", .officer, .emergencyResponse, .emergency, sees: [W.support: identityAndGeneral]),
        // Denials: public security and health on any other ground.
        ViewCase("public-security", nil, .caseManagement, .statutoryDuty, sees: [:]),
        ViewCase("public-security", nil, .riskAssessment, .statutoryDuty, sees: [:]),
        ViewCase("public-security", .officer, .referral, .consent, sees: [:]),
        ViewCase("public-security", .officer, .caseManagement, .emergency, sees: [:]),
        ViewCase("health", nil, .followUp, .statutoryDuty, sees: [:]),
        ViewCase("health", .coordinator, .caseManagement, .consent, sees: [:]),
        ViewCase("health", .officer, .referral, .emergency, sees: [:]),
        // Denials: every other department, emergencies included.
        ViewCase("civil-affairs", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("civil-affairs", nil, .caseManagement, .statutoryDuty, sees: [:]),
        ViewCase("political-legal", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("education", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("unions", nil, .followUp, .consent, sees: [:]),
    ]

    @Test("each department sees exactly its view; on its duty or with consent no other department sees anything")
    func viewMatrix() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let federation = try server.system("womens-federation")
            for request in [try W.publish(W.supportCase(1), "support-1"), try W.publish(W.counsellingSession(1), "session-1")] {
                _ = try await server.sharing(federation) { try await $0.publish(request) }
            }
            try await PluginFixtures.checkMatrix(Self.cases, on: server, allFields: W.allFields, subjectTypes: [W.support, W.session])
        }
    }

    @Test("under an open referral public security sees the linked case with location and contact, health the notes; the access ends with the referral")
    func referralAccess() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let federation = try server.system("womens-federation")
            let police = try server.system("public-security")
            let health = try server.system("health")
            let support = try await server.sharing(federation) { try await $0.publish(try W.publish(W.supportCase(2), "support-2")) }.recordID
            let session = try await server.sharing(federation) {
                try await $0.publish(try W.publish(W.counsellingSession(2), "session-2"))
            }.recordID
            _ = try await server.sharing(federation) { try await $0.publish(try W.publish(W.supportCase(3), "support-3")) }

            // The federation refers the victim to public security, linking her case.
            let toPolice = try await server.referrals(federation) {
                try await $0.createReferral(ReferralFixtures.create(2, to: "public-security", records: [support], urgency: .emergency))
            }.referralID
            let seen = try await server.sharing(police) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(toPolice) }).records
            }
            #expect(seen.map(\.recordID) == [support])
            #expect(Set(seen.first.map { Array($0.fields.fields.keys) } ?? []) == Self.supportToPolice)
            #expect(seen.first?.withheld.map(\.field) == ["counselling_notes"])
            #expect(seen.first?.fields.fields["current_location"]?.stringValue == "县妇女儿童庇护中心 2号房")
            #expect(seen.first?.fields.fields["contact_phone"]?.stringValue == "137-0000-0002")

            // Nobody else can use the police's referral.
            for other in ["health", "civil-affairs"] {
                let error = await #expect(throws: RPCError.self, "\(other)") {
                    try await server.sharing(try server.person(.officer, of: other)) {
                        try await $0.query(.with { $0.context = ReferralFixtures.context(toPolice) })
                    }
                }
                #expect(error?.code == .notFound, "\(other)")
            }

            // A referral to health: the case without whereabouts, and the counselling session whole.
            let toHealth = try await server.referrals(federation) {
                try await $0.createReferral(ReferralFixtures.create(2, to: "health", records: [support, session], urgency: .urgent))
            }.referralID
            let treated = try await server.sharing(health) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(toHealth) }).records
            }
            #expect(Set(treated.map(\.recordID)) == [support, session])
            let healthCase = try #require(treated.first { $0.recordType == W.support })
            #expect(Set(healthCase.fields.fields.keys) == Self.supportToHealth)
            #expect(Set(healthCase.withheld.map(\.field)) == ["current_location", "contact_phone"])
            let healthSession = try #require(treated.first { $0.recordType == W.session })
            #expect(Set(healthSession.fields.fields.keys) == W.sessionFields)

            // Withdrawn: the police's access is gone.
            _ = try await server.referrals(federation) { try await $0.withdrawReferral(.with { $0.referralID = toPolice }) }
            let ended = await #expect(throws: RPCError.self) {
                try await server.sharing(police) { try await $0.query(.with { $0.context = ReferralFixtures.context(toPolice) }) }
            }
            #expect(ended?.code == .failedPrecondition)
            #expect(ended?.message.contains("it is withdrawn") == true)
        }
    }

    @Test("a victim's location and contact reach no reader but public security in a claimed emergency, on any other ground")
    func whereaboutsNeverLeak() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            _ = try await server.sharing(try server.system("womens-federation")) {
                try await $0.publish(try W.publish(W.supportCase(4), "support-4"))
            }
            for department in ["public-security", "health", "civil-affairs", "political-legal", "education", "unions"] {
                for purpose in [Sharing_Purpose.caseManagement, .riskAssessment, .followUp, .emergencyResponse, .referral] {
                    for basis in [Sharing_LegalBasis.statutoryDuty, .consent, .emergency] {
                        let records = try await server.sharing(try server.person(.officer, of: department)) {
                            try await $0.query(.with {
                                $0.context = Fixtures.context(
                                    purpose, basis, justification: "victim reported in danger tonight", consent: "consent form 2026-204")
                                $0.recordType = W.support
                            }).records
                        }
                        let whereabouts = records.filter {
                            $0.fields.fields["current_location"] != nil || $0.fields.fields["contact_phone"] != nil
                        }
                        let allowed = department == "public-security" && purpose == .emergencyResponse && basis == .emergency
                        #expect(whereabouts.count == (allowed ? 1 : 0), "\(department) \(purpose) \(basis)")
                        let identified = records.filter { $0.fields.fields["national_id"] != nil }
                        let identityAllowed = ["public-security", "health"].contains(department)
                            && purpose == .emergencyResponse && basis == .emergency
                        #expect(identified.count == (identityAllowed ? 1 : 0), "\(department) \(purpose) \(basis) identity")
                    }
                }
            }
        }
    }

    @Test("invalid records are INVALID_ARGUMENT naming every violated field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            var support = W.supportCase(5)
            support.nationalID = ""
            support.victimName = " "
            support.caseType = .unspecified
            support.supportStatus = .unspecified
            support.clearOpenedAt()
            support.contactPhone = "call the shelter"
            var session = W.counsellingSession(5)
            session.clientName = ""
            session.topic = .unspecified
            session.clearHeldAt()
            session.counsellor = ""
            var badID = W.supportCase(6)
            badID.nationalID = "110105200701019999"
            let cases: [(Sharing_PublishRequest, Set<String>)] = [
                (try W.publish(support, "bad-1"), [
                    "record.national_id", "record.victim_name", "record.case_type", "record.support_status",
                    "record.opened_at", "record.contact_phone",
                ]),
                (try W.publish(session, "bad-2"), ["record.client_name", "record.topic", "record.held_at", "record.counsellor"]),
                (try W.publish(badID, "bad-3"), ["record.national_id"]),
            ]
            try await server.expectViolations(cases, publishingAs: "womens-federation", secret: "110105200701019999")
        }
    }

    @Test("another department cannot publish the women's federation's record types")
    func foreignPublisher() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            try await server.expectForeignPublishersRefused([
                ("public-security", try W.publish(W.supportCase(7), "foreign-1")),
                ("health", try W.publish(W.counsellingSession(7), "foreign-2")),
            ], owner: "womens-federation")
        }
    }
}
