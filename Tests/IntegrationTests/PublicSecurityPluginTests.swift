import CoordinationAPI
import CoordinationCore
import GRPCCore
import PublicSecurityPlugin
import Testing

/// The public-security plugin over the real server: its view matrix with the denials, criminal
/// records and medical notes never leaving the police, the level-3 routing rule, validation,
/// and that only public security publishes its record types (Plugins/PublicSecurity/README.md).
@Suite("Public security plugin")
struct PublicSecurityPluginTests {
    typealias P = PublicSecurityFixtures

    /// What the township partners see: who, the level, when and by whom — never the medical notes.
    static let assessmentToPartners = P.assessmentFields.subtracting(["diagnosis_detail"])
    /// Who was visited, when, with whom, next visit — not what the visit found.
    static let visitToPartners = P.visitFields.subtracting(["outcome"])
    /// Political-legal sees who is in which population — never the criminal record.
    static let specialToPoliticalLegal = P.specialFields.subtracting(["criminal_record"])
    static let partnerView = [P.assessment: assessmentToPartners, P.visit: visitToPartners]

    static let cases: [ViewCase] = [
        // The publisher sees everything, whatever it states.
        ViewCase("public-security", nil, .caseManagement, .statutoryDuty, sees: P.allFields),
        ViewCase("public-security", .officer, .riskAssessment, .consent, sees: P.allFields),
        // Health: identity and level; the visit's outcome only for follow-up.
        ViewCase("health", nil, .followUp, .statutoryDuty,
                 sees: [P.assessment: assessmentToPartners, P.visit: P.visitFields]),
        ViewCase("health", .coordinator, .riskAssessment, .statutoryDuty, sees: partnerView),
        // Civil affairs: identity and level for both duties, never the outcome.
        ViewCase("civil-affairs", nil, .followUp, .statutoryDuty, sees: partnerView),
        ViewCase("civil-affairs", .officer, .riskAssessment, .statutoryDuty, sees: partnerView),
        // Political-legal: also the special populations, without criminal records.
        ViewCase("political-legal", nil, .riskAssessment, .statutoryDuty,
                 sees: partnerView.merging([P.special: specialToPoliticalLegal]) { a, _ in a }),
        ViewCase("political-legal", .officer, .followUp, .statutoryDuty,
                 sees: partnerView.merging([P.special: specialToPoliticalLegal]) { a, _ in a }),
        // Denials: other purposes and bases of the partners, emergencies included.
        ViewCase("health", nil, .caseManagement, .statutoryDuty, sees: [:]),
        ViewCase("health", .officer, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("health", nil, .followUp, .consent, sees: [:]),
        ViewCase("civil-affairs", nil, .caseManagement, .statutoryDuty, sees: [:]),
        ViewCase("political-legal", .coordinator, .emergencyResponse, .emergency, sees: [:]),
        ViewCase("political-legal", nil, .caseManagement, .consent, sees: [:]),
        // Denials: departments outside the township group see nothing for any duty.
        ViewCase("education", nil, .riskAssessment, .statutoryDuty, sees: [:]),
        ViewCase("unions", nil, .followUp, .statutoryDuty, sees: [:]),
        ViewCase("womens-federation", .officer, .emergencyResponse, .emergency, sees: [:]),
    ]

    @Test("each department sees exactly its view; criminal records and diagnosis detail never leave public security")
    func viewMatrix() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            for request in [
                try P.publish(P.riskAssessment(1, level: 2), "assessment-1"),
                try P.publish(P.followUpVisit(1), "visit-1"),
                try P.publish(P.specialPopulation(1), "special-1"),
            ] {
                _ = try await server.sharing(police) { try await $0.publish(request) }
            }
            try await PluginFixtures.checkMatrix(
                Self.cases, on: server, allFields: P.allFields, subjectTypes: [P.assessment, P.visit, P.special])
        }
    }

    @Test("no view grants criminal data, and no reader outside public security is ever shown a criminal field")
    func criminalRecordsNeverShared() async throws {
        // The manifest: no view of any type grants the criminal sensitivity; criminal fields are publisher-only.
        for type in PublicSecurityPlugin().manifest.recordTypes {
            #expect(type.views.allSatisfy { !$0.sensitivities.contains(.criminal) }, "\(type.messageName)")
            #expect(type.fields.filter { $0.sensitivity == .criminal }.allSatisfy { $0.publisherOnly }, "\(type.messageName)")
        }
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let entry = try await server.sharing(police) { try await $0.publish(try P.publish(P.specialPopulation(2), "special-2")) }
            // Even an open referral from the police linking the entry opens nothing to political-legal.
            let referral = try await server.referrals(police) {
                try await $0.createReferral(ReferralFixtures.create(2, to: "political-legal", records: [entry.recordID], urgency: .urgent))
            }.referralID
            let underReferral = try await server.sharing(try server.system("political-legal")) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(referral) }).records
            }
            #expect(underReferral.isEmpty)
            // Every department, every purpose and basis: the criminal record never appears.
            for department in ["health", "civil-affairs", "political-legal", "education", "unions", "womens-federation"] {
                for purpose in [Sharing_Purpose.caseManagement, .riskAssessment, .followUp, .emergencyResponse, .referral] {
                    for basis in [Sharing_LegalBasis.statutoryDuty, .consent, .emergency] {
                        let records = try await server.sharing(try server.person(.officer, of: department)) {
                            try await $0.query(.with { $0.context = Fixtures.context(
                                purpose, basis, justification: "patient threatening neighbours", consent: "consent form 2026-77") }).records
                        }
                        #expect(records.allSatisfy { $0.fields.fields["criminal_record"] == nil }, "\(department) \(purpose) \(basis)")
                    }
                }
            }
            // The publisher itself reads it back.
            let own = try await server.sharing(police) {
                try await $0.query(.with {
                    $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                    $0.recordType = P.special
                }).records
            }
            #expect(own.first?.fields.fields["criminal_record"]?.stringValue == "2019 theft, 3 years")
        }
    }

    @Test("a level-3 assessment alerts health and political-legal in the same transaction; level 2 raises none; level 5 is critical")
    func routingRule() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            _ = try await server.sharing(police) { try await $0.publish(try P.publish(P.riskAssessment(3, level: 2), "assessment-3a")) }
            for department in ["health", "political-legal"] {
                #expect(try await server.alerts(try server.system(department)) {
                    try await $0.listAlerts(.init()).alerts
                }.isEmpty, "\(department)")
            }

            let published = try await server.sharing(police) {
                try await $0.publish(try P.publish(P.riskAssessment(3, level: 3), "assessment-3b"))
            }
            for department in ["health", "political-legal"] {
                let alerts = try await server.alerts(try server.system(department)) {
                    try await $0.listAlerts(.with { $0.awaitingMyAcknowledgement = true }).alerts
                }
                #expect(alerts.count == 1, "\(department)")
                let alert = try #require(alerts.first)
                #expect(alert.kind == "violence-risk")
                #expect(alert.severity == .high)
                #expect(alert.targets.map(\.departmentCode) == ["health", "political-legal"])
                #expect(alert.raisedByDepartment == "public-security")
                #expect(alert.sourceRecordID == published.recordID)
                #expect(alert.sourceRecordType == P.assessment)
                #expect(alert.subjectPseudonym == published.subjectPseudonym)
                #expect(alert.summary.contains("danger level 3 of 5"))
                #expect(!alert.summary.contains("患者3"))
                #expect(!alert.summary.contains(Fixtures.nationalID(3)))
            }
            // Civil affairs is not a target.
            #expect(try await server.alerts(try server.system("civil-affairs")) {
                try await $0.listAlerts(.with { $0.awaitingMyAcknowledgement = true }).alerts
            }.isEmpty)
            // A repeated request id raises nothing again; level 5 is critical.
            #expect(try await server.sharing(police) {
                try await $0.publish(try P.publish(P.riskAssessment(3, level: 3), "assessment-3b"))
            }.duplicate)
            _ = try await server.sharing(police) { try await $0.publish(try P.publish(P.riskAssessment(4, level: 5), "assessment-4")) }
            let all = try await server.alerts(try server.system("health")) { try await $0.listAlerts(.init()).alerts }
            #expect(all.count == 2)
            #expect(Set(all.map(\.severity)) == [.critical, .high])
        }
    }

    @Test("invalid records are INVALID_ARGUMENT naming every violated field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            var assessment = P.riskAssessment(5, level: 6)
            assessment.nationalID = ""
            assessment.clearAssessedAt()
            assessment.assessingOfficer = ""
            var visit = P.followUpVisit(5)
            visit.participatingDepartments = ["health", "Civil Affairs"]
            visit.nextVisit = PluginFixtures.date(days: 1)
            var noPartner = P.followUpVisit(6)
            noPartner.participatingDepartments = []
            noPartner.clearVisitDate()
            var entry = P.specialPopulation(5)
            entry.name = ""
            entry.category = .unspecified
            entry.clearRegisteredAt()
            var badID = P.specialPopulation(7)
            badID.nationalID = "110105200701019999"
            let cases: [(Sharing_PublishRequest, Set<String>)] = [
                (try P.publish(assessment, "bad-1"),
                 ["record.national_id", "record.risk_level", "record.assessed_at", "record.assessing_officer"]),
                (try P.publish(visit, "bad-2"), ["record.participating_departments[1]", "record.next_visit"]),
                (try P.publish(noPartner, "bad-3"), ["record.participating_departments", "record.visit_date"]),
                (try P.publish(entry, "bad-4"), ["record.name", "record.category", "record.registered_at"]),
                (try P.publish(badID, "bad-5"), ["record.national_id"]),
            ]
            try await server.expectViolations(cases, publishingAs: "public-security", secret: "110105200701019999")
        }
    }

    @Test("another department cannot publish public security's record types")
    func foreignPublisher() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            try await server.expectForeignPublishersRefused([
                ("health", try P.publish(P.riskAssessment(8, level: 4), "foreign-1")),
                ("political-legal", try P.publish(P.followUpVisit(8), "foreign-2")),
                ("civil-affairs", try P.publish(P.specialPopulation(8), "foreign-3")),
            ], owner: "public-security")
        }
    }
}
