import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// A party reading a person's referral or alert is audited with a purpose and a legal basis:
/// the ones it states, or the default for a party, recorded as the default.
@Suite("Party reads audited")
struct PartyReadAuditTests {
    @Test("referral reads by the receiving department are audited with purpose and basis; the referrer's own and an overseer's are no disclosure")
    func referralReads() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            let record = try await server.publishScreening(1, risk: 2)
            let id = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(1, records: [record]))
            }.referralID
            func reads() async throws -> [Audit_AuditRecord] {
                try await server.auditedHistory(of: Fixtures.nationalID(1)).filter { $0.action == "referral.read" }
            }

            _ = try await server.referrals(health) { try await $0.getReferral(.with { $0.referralID = id }) }
            var entries = try await reads()
            #expect(entries.count == 1)
            #expect(entries.last?.callerDepartment == "health")
            #expect(entries.last?.purpose == "referral" && entries.last?.legalBasis == "statutory-duty")
            #expect(entries.last?.detail.contains("default purpose and basis") == true)
            #expect(entries.last?.recordIds == [record])

            _ = try await server.referrals(health) {
                try await $0.listReferrals(.with {
                    $0.context = Fixtures.context(.followUp, .consent, consent: "consent form 2026-118")
                })
            }
            entries = try await reads()
            #expect(entries.count == 2)
            #expect(entries.last?.purpose == "follow-up" && entries.last?.legalBasis == "consent")
            #expect(entries.last?.detail.contains("consent form 2026-118") == true)

            // The referrer reads what it wrote; an overseer of another department is shown no personal data.
            _ = try await server.referrals(education) { try await $0.getReferral(.with { $0.referralID = id }) }
            _ = try await server.referrals(try server.person(.coordinator, of: "political-legal")) {
                try await $0.listReferrals(.init())
            }
            #expect(try await reads().count == 2)

            let incomplete = await #expect(throws: RPCError.self) {
                try await server.referrals(health) {
                    try await $0.getReferral(.with { $0.referralID = id; $0.context = Fixtures.context(.followUp, .consent) })
                }
            }
            #expect(incomplete?.code == .invalidArgument)
            #expect(incomplete?.message.contains("context.consent_reference") == true)
        }
    }

    @Test("alert reads and deliveries carry a purpose and a basis: stated, or the default for a party")
    func alertReads() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let health = try server.system("health")
            let id = try await server.raiseAlert(as: police, nationalID: Fixtures.nationalID(1))
            _ = try await server.alerts(health) { try await $0.getAlert(.with { $0.alertID = id }) }
            _ = try await server.alerts(health) {
                try await $0.listAlerts(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) })
            }
            let deliveries = try await server.watchAlerts(1, as: health, within: .seconds(5))
            #expect(deliveries.count == 1)
            let entries = try await server.auditedHistory(of: Fixtures.nationalID(1)).filter { $0.action.hasPrefix("alert.") }
            #expect(entries.map(\.action) == ["alert.raise", "alert.read", "alert.read", "alert.deliver"])
            #expect(entries[1].purpose == "emergency-response" && entries[1].legalBasis == "statutory-duty")
            #expect(entries[1].detail.contains("default purpose and basis"))
            #expect(entries[2].purpose == "case-management" && !entries[2].detail.contains("default"))
            #expect(entries[3].purpose == "emergency-response" && entries[3].legalBasis == "statutory-duty")
        }
    }
}
