import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import PublicSecurityPlugin
import Testing

/// The public-security plugin over the real server: its view matrix with the denials, criminal
/// records and medical notes never leaving the police, the level-3 routing rule (its alert and
/// its joint follow-up task), validation, and that only public security publishes its record
/// types (Plugins/PublicSecurity/README.md).
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

    @Test("a level-3 assessment opens the joint follow-up task led by public security, its departments told; level 2 and a repeat open none")
    func followUpTask() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let departments = ["public-security", "health", "civil-affairs", "political-legal"]
            _ = try await server.sharing(police) { try await $0.publish(try P.publish(P.riskAssessment(9, level: 2), "assessment-9a")) }
            for department in departments {
                #expect(try await server.tasks(try server.system(department)) { try await $0.listTasks(.init()).tasks }.isEmpty)
                #expect(try await server.notices(to: department, kind: "task.assigned").isEmpty, "\(department)")
            }

            let before = Date()
            let published = try await server.sharing(police) {
                try await $0.publish(try P.publish(P.riskAssessment(9, level: 3), "assessment-9b"))
            }
            let tasks = try await server.tasks(police) { try await $0.listTasks(.init()).tasks }
            #expect(tasks.count == 1)
            let task = try #require(tasks.first)
            #expect(task.leadDepartment == "public-security")
            #expect(task.cooperatingDepartments == ["civil-affairs", "health", "political-legal"])
            #expect(task.sourceRecordID == published.recordID)
            #expect(task.priority == .high)
            #expect(task.status == .open)
            #expect(task.jurisdictionCode == "demo-county.chengguan.dongmen")
            #expect(task.title.contains("danger level 3") && !task.title.contains("患者9"))
            #expect(!task.description_p.contains("患者9") && !task.description_p.contains(Fixtures.nationalID(9)))
            let due = task.dueAt.date.timeIntervalSince(before)
            #expect(due > 14 * 86_400 - 60 && due < 14 * 86_400 + 60)
            // Every department on it is told and sees it; the source record tells the partners whom.
            for department in departments {
                let notices = try await server.notices(to: department, kind: "task.assigned")
                #expect(notices.map(\.subject) == ["task/\(task.taskID)"], "\(department)")
                #expect(notices.first?.title.contains(department == "public-security" ? "(lead)" : "(cooperating)") == true)
                #expect(try await server.tasks(try server.system(department)) {
                    try await $0.listTasks(.init()).tasks.map(\.taskID)
                } == [task.taskID], "\(department)")
            }
            let source = try await server.sharing(try server.system("civil-affairs")) {
                try await $0.query(.with { $0.context = Fixtures.context(.followUp, .statutoryDuty); $0.recordType = P.assessment }).records
            }
            #expect(source.map(\.recordID).contains(task.sourceRecordID))
            // A department not on the task neither sees it nor is told.
            let outsider = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.system("education")) { try await $0.getTask(.with { $0.taskID = task.taskID }) }
            }
            #expect(outsider?.code == .notFound)
            #expect(try await server.notices(to: "education", kind: "task.assigned").isEmpty)
            // Created by the publisher, in the history and the audit chain.
            let detail = try await server.tasks(police) { try await $0.getTask(.with { $0.taskID = task.taskID }) }
            #expect(detail.history.map(\.kind) == ["created"])
            #expect(detail.history.first?.departmentCode == "public-security")
            #expect(detail.history.first?.detail.contains("routing rule of \(P.assessment), record \(published.recordID)") == true)
            let audited = try await server.auditEvents(aboutTask: task.taskID)
            #expect(audited.map { "\($0.action) \($0.callerDepartment)" } == ["task.created public-security"])

            // A repeated request id opens nothing again; level 5 is urgent.
            #expect(try await server.sharing(police) {
                try await $0.publish(try P.publish(P.riskAssessment(9, level: 3), "assessment-9b"))
            }.duplicate)
            #expect(try await server.tasks(police) { try await $0.listTasks(.init()).tasks }.count == 1)
            #expect(try await server.notices(to: "health", kind: "task.assigned").count == 1)
            _ = try await server.sharing(police) { try await $0.publish(try P.publish(P.riskAssessment(10, level: 5), "assessment-10")) }
            let all = try await server.tasks(police) { try await $0.listTasks(.init()).tasks }
            #expect(all.map(\.priority).sorted { $0.rawValue < $1.rawValue } == [.high, .urgent])
        }
    }

    @Test("partners that are not registered are left out of the routed task and alert; the publication stands")
    func unregisteredDepartmentsSkipped() async throws {
        try await TestServer.with { server in
            try await server.seedPartialDirectory(["public-security", "health"], plugins: ["public-security"])
            let police = try server.system("public-security")
            let published = try await server.sharing(police) {
                try await $0.publish(try P.publish(P.riskAssessment(11, level: 4), "assessment-11"))
            }
            let tasks = try await server.tasks(police) { try await $0.listTasks(.init()).tasks }
            #expect(tasks.map(\.sourceRecordID) == [published.recordID])
            #expect(tasks.first?.cooperatingDepartments == ["health"])
            #expect(try await server.notices(to: "health", kind: "task.assigned").count == 1)
            let alerts = try await server.alerts(try server.system("health")) { try await $0.listAlerts(.init()).alerts }
            #expect(alerts.map { $0.targets.map(\.departmentCode) } == [["health"]])
        }
    }

    @Test("invalid records are INVALID_ARGUMENT naming every violated field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            var assessment = P.riskAssessment(5, level: 2)
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
            // A level out of the range the proto declares is refused at the request limits, alone.
            let outOfRange = P.riskAssessment(9, level: 6)
            var badID = P.specialPopulation(7)
            badID.nationalID = "110105200701019999"
            let cases: [(Sharing_PublishRequest, Set<String>)] = [
                (try P.publish(assessment, "bad-1"), ["record.national_id", "record.assessed_at", "record.assessing_officer"]),
                (try P.publish(outOfRange, "bad-6"), ["record.risk_level"]),
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
