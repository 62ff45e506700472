import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// The education plugin's routing rule over the real server: a crisis screening raises its
/// alert and opens the green-channel referral to health in the publishing transaction, and
/// health reads the crisis details under that referral (Plugins/Education/README.md, "Routing").
@Suite("Education routing")
struct EducationRoutingTests {
    static let screening = "coordination.education.v1.StudentScreeningReport"

    @Test("what routing opens names its deadline in the configured time.zone")
    func configuredZone() async throws {
        try await TestServer.with(configure: { $0.localTime = LocalTime(identifier: "UTC")! }) { server in
            try await server.seedDirectory()
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(2, risk: 3)) }
            let notices = try await server.waitForNotices(to: "health", kind: "referral.received")
            #expect(notices.first?.detail.contains(" +00:00;") == true, "\(notices.first?.detail ?? "")")
        }
    }

    @Test("a crisis screening opens the green-channel referral to health: pending, emergency, linking the record, health told")
    func crisisOpensReferral() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let (education, health) = (try server.system("education"), try server.system("health"))
            let published = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            let incoming = try await server.referrals(health) {
                try await $0.listReferrals(.with { $0.direction = .incoming }).referrals
            }
            #expect(incoming.count == 1)
            let referral = try #require(incoming.first)
            #expect(referral.status == .pending)
            #expect(referral.urgency == .emergency)
            #expect(referral.urgencyDefaulted)  // the plugin's green channel
            #expect(referral.fromDepartment == "education" && referral.toDepartment == "health")
            #expect(referral.linkedRecordIds == [published.recordID])
            #expect(referral.sourceRecordID == published.recordID)
            // The publisher is told what its record opened.
            #expect(published.opened.map(\.kind) == [.alert, .referral])
            #expect(published.opened.last?.id == referral.referralID)
            #expect(published.opened.last?.departments == ["health"])
            let retried = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            #expect(retried.duplicate && retried.opened.isEmpty, "a retry opens nothing and reports nothing")
            #expect(referral.subjectPseudonym == published.subjectPseudonym)
            #expect(referral.consent.kind == "emergency-override")
            #expect(referral.consent.text.contains("《四川省社会心理服务工作指导意见》 §四(四)"))
            #expect(referral.reason.contains("school-1") && !referral.reason.contains("学生1"))
            #expect(abs(referral.acceptBy.date.timeIntervalSince(referral.createdAt.date) - 3600) < 0.01)
            // The alert of the same rule is raised too.
            let alerts = try await server.alerts(health) { try await $0.listAlerts(.init()).alerts }
            #expect(alerts.map(\.sourceRecordID) == [published.recordID])

            // Health is told, without personal data; the referrer sees it among its outgoing referrals.
            let notices = try await server.waitForNotices(to: "health", kind: "referral.received")
            #expect(notices.map(\.subject) == ["referral/\(referral.referralID)"])
            #expect(notices.first?.title == "Referral received from education (emergency)")
            // The deadline in the county's zone, with its offset.
            #expect(notices.first?.detail.hasPrefix("accept or decline by \(LocalTime.county.minute(referral.acceptBy.date));") == true)
            #expect(notices.first?.detail.contains("+08:00") == true)
            for text in notices.flatMap({ [$0.title, $0.detail] }) {
                #expect(!text.contains("学生1") && !text.contains(Fixtures.nationalID(1)) && !text.contains("p1:"))
            }
            #expect(try await server.referrals(education) {
                try await $0.listReferrals(.with { $0.direction = .outgoing }).referrals.map(\.referralID)
            } == [referral.referralID])
            let history = try await server.referrals(health) {
                try await $0.getReferral(.with { $0.referralID = referral.referralID })
            }.history
            #expect(history.map(\.kind) == ["created"])
            #expect(history.first?.departmentCode == "education")
            #expect(history.first?.detail.contains("routing rule of \(Self.screening)") == true)

            // Audited in the same transaction, about the student, with the override.
            let audit = try await server.auditedHistory(of: Fixtures.nationalID(1))
            let created = audit.filter { $0.action == "referral.create" }
            #expect(created.count == 1)
            #expect(created.first?.callerDepartment == "education")
            #expect(created.first?.recordIds == [published.recordID])
            #expect(created.first?.detail.contains("consent overridden in an emergency") == true)
            let actions = audit.map(\.action).filter { ["record.publish", "alert.raise", "referral.create"].contains($0) }
            #expect(actions == ["record.publish", "alert.raise", "referral.create"])
        }
    }

    @Test("health reads the crisis details under the routed referral; without it, or as another department, it does not")
    func healthReadsCrisisUnderReferral() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let health = try server.system("health")
            let published = try await server.sharing(try server.system("education")) {
                try await $0.publish(try Fixtures.screening(2, risk: 3))
            }
            let referral = try #require(try await server.referrals(health) {
                try await $0.listReferrals(.with { $0.direction = .incoming }).referrals
            }.first).referralID

            let underReferral = try await server.sharing(health) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(referral) }).records
            }
            #expect(underReferral.map(\.recordID) == [published.recordID])
            #expect(underReferral.first?.fields.fields["crisis_summary"]?.stringValue == "self-harm risk disclosed to counsellor")
            #expect(underReferral.first?.fields.fields["guardian_phone"] != nil)
            #expect(underReferral.first?.fields.fields["answers"] == nil)
            #expect(underReferral.first?.withheld.map(\.field) == ["answers"])

            // Health's everyday view of the same record has no crisis details.
            let everyday = try await server.sharing(health) {
                try await $0.query(.with { $0.context = Fixtures.context(.riskAssessment, .statutoryDuty) }).records
            }
            #expect(everyday.map(\.recordID) == [published.recordID])
            #expect(everyday.first?.fields.fields["crisis_summary"] == nil)
            // Another department naming health's referral reads nothing.
            let denied = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("public-security")) {
                    try await $0.query(.with { $0.context = ReferralFixtures.context(referral) }).records
                }
            }
            #expect(denied?.code == .notFound)
        }
    }

    @Test("below crisis level nothing is opened; a repeated request id opens nothing twice")
    func noReferralBelowCrisisOrOnRepeat() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            for risk: Int32 in [0, 1, 2] {
                _ = try await server.sharing(education) {
                    try await $0.publish(try Fixtures.screening(10 + Int(risk), risk: risk))
                }
            }
            #expect(try await server.referrals(health) { try await $0.listReferrals(.init()).referrals }.isEmpty)
            #expect(try await server.notices(to: "health", kind: "referral.received").isEmpty)

            let first = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(3, risk: 3)) }
            let repeated = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(3, risk: 3)) }
            #expect(repeated.duplicate && repeated.recordID == first.recordID)
            let referrals = try await server.referrals(health) { try await $0.listReferrals(.init()).referrals }
            #expect(referrals.map(\.linkedRecordIds) == [[first.recordID]])
            #expect(try await server.notices(to: "health", kind: "referral.received").count == 1)
            #expect(try await server.alerts(health) { try await $0.listAlerts(.init()).alerts }.count == 1)
        }
    }

    @Test("with health not registered the referral is skipped and the publication stands")
    func unregisteredReceiverSkipped() async throws {
        try await TestServer.with { server in
            try await server.seedPartialDirectory(["education", "public-security"], plugins: ["education"])
            let education = try server.system("education")
            let published = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(4, risk: 3)) }
            #expect(!published.duplicate)
            #expect(try await server.referrals(education) { try await $0.listReferrals(.init()).referrals }.isEmpty)
            #expect(try await server.sharing(education) {
                try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) }).records
            }.map(\.recordID) == [published.recordID])
        }
    }
}
