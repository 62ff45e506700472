import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Service referrals over the real server: the lifecycle with its notices, consent, the green
/// channel, and the denials.
@Suite("Referrals")
struct ReferralTests {
    @Test("pending → accepted → completed, each step notifying the other party; no personal data in notices or to outsiders")
    func lifecycle() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            let record = try await server.publishScreening(1, risk: 2)

            // Unspecified urgency from education to health: the green channel makes it an emergency.
            let created = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(1, records: [record]))
            }
            let id = created.referralID
            #expect(created.status == .pending)
            #expect(created.urgency == .emergency)
            #expect(created.urgencyDefaulted)
            #expect(created.fromDepartment == "education" && created.toDepartment == "health")
            #expect(created.linkedRecordIds == [record])
            #expect(created.consent.kind == "given" && created.consent.text == "consent form 2026-118")
            #expect(created.subjectPseudonym.hasPrefix("p1:"))
            #expect(abs(created.acceptBy.date.timeIntervalSince(created.createdAt.date) - 3600) < 0.01)
            #expect(!(try created.jsonString()).contains(Fixtures.nationalID(1)))

            let received = try await server.notices(to: "health", kind: "referral.received")
            #expect(received.map(\.subject) == ["referral/\(id)"])
            #expect(received.first?.title == "Referral received from education (emergency)")
            for notice in received {
                for text in [notice.title, notice.detail] {
                    #expect(!text.contains(ReferralFixtures.reason) && !text.contains(Fixtures.nationalID(1))
                        && !text.contains("学生1") && !text.contains("p1:"))
                }
            }

            // The receiver sees it whole; a coordinator of another department without personal data;
            // a department that is no party not at all.
            let seen = try await server.referrals(health) { try await $0.getReferral(.with { $0.referralID = id }) }
            #expect(seen.referral.reason == ReferralFixtures.reason)
            #expect(seen.referral.subjectPseudonym == created.subjectPseudonym)
            #expect(seen.history.map(\.kind) == ["created"])
            let overview = try await server.referrals(try server.person(.coordinator, of: "political-legal")) {
                try await $0.listReferrals(.init()).referrals
            }
            #expect(overview.map(\.referralID) == [id])
            #expect(overview.first?.subjectPseudonym == "" && overview.first?.reason == "")
            #expect(overview.first?.linkedRecordIds == [] && overview.first?.consent.text == "")
            #expect(overview.first?.consent.kind == "given")
            let outsider = await #expect(throws: RPCError.self) {
                try await server.referrals(try server.system("civil-affairs")) { try await $0.getReferral(.with { $0.referralID = id }) }
            }
            #expect(outsider?.code == .notFound)
            #expect(try await server.referrals(try server.system("civil-affairs")) { try await $0.listReferrals(.init()).referrals }.isEmpty)
            #expect(try await server.referrals(health) {
                try await $0.listReferrals(.with { $0.direction = .outgoing }).referrals
            }.isEmpty)
            #expect(try await server.referrals(health) {
                try await $0.listReferrals(.with { $0.direction = .incoming; $0.status = .pending }).referrals.map(\.referralID)
            } == [id])

            // Completing before accepting is the wrong state.
            let early = await #expect(throws: RPCError.self) {
                try await server.referrals(health) { try await $0.completeReferral(.with { $0.referralID = id; $0.outcome = "seen" }) }
            }
            #expect(early?.code == .failedPrecondition)
            #expect(early?.message.contains("the referral is pending") == true)

            let accepted = try await server.referrals(health) {
                try await $0.acceptReferral(.with { $0.referralID = id; $0.note = "appointment tomorrow 9:00" })
            }
            #expect(accepted.status == .accepted)
            #expect(accepted.hasDecidedAt)
            #expect(try await server.notices(to: "education", kind: "referral.accepted").map(\.subject) == ["referral/\(id)"])
            let again = await #expect(throws: RPCError.self) {
                try await server.referrals(health) { try await $0.acceptReferral(.with { $0.referralID = id }) }
            }
            #expect(again?.code == .failedPrecondition)
            #expect(again?.message == "the referral is accepted; accepting needs a pending referral")

            let noOutcome = await #expect(throws: RPCError.self) {
                try await server.referrals(health) { try await $0.completeReferral(.with { $0.referralID = id }) }
            }
            #expect(noOutcome?.code == .invalidArgument)
            #expect(noOutcome?.message.hasPrefix("outcome:") == true)
            let completed = try await server.referrals(health) {
                try await $0.completeReferral(.with { $0.referralID = id; $0.outcome = "assessed; outpatient follow-up arranged" })
            }
            #expect(completed.status == .completed)
            #expect(completed.closingNote == "assessed; outpatient follow-up arranged")
            #expect(try await server.notices(to: "education", kind: "referral.completed").map(\.subject) == ["referral/\(id)"])
            let late = await #expect(throws: RPCError.self) {
                try await server.referrals(education) { try await $0.withdrawReferral(.with { $0.referralID = id }) }
            }
            #expect(late?.code == .failedPrecondition)
            #expect(late?.message.contains("the referral is completed") == true)

            let history = try await server.referrals(education) { try await $0.getReferral(.with { $0.referralID = id }) }.history
            #expect(history.map(\.kind) == ["created", "accepted", "completed"])
            #expect(history.map(\.departmentCode) == ["education", "health", "health"])

            // Consent and every change are in the audit trail, about the person.
            let audit = try await server.auditedHistory(of: Fixtures.nationalID(1)).filter { $0.action.hasPrefix("referral.") && $0.action != "referral.read" }
            #expect(audit.map(\.action) == ["referral.create", "referral.accepted", "referral.completed"])
            #expect(audit.first?.detail.contains("consent given (consent form 2026-118)") == true)
            #expect(audit.first?.recordIds == [record])
        }
    }

    @Test("declined with a reason, withdrawn by the referrer: the other party is told")
    func declineAndWithdraw() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.person(.officer, of: "education")
            let civil = try server.system("civil-affairs")
            let first = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(
                    3, to: "civil-affairs", urgency: .routine, consent: .notRequiredBasis("Mental Health Law art. 30")))
            }
            #expect(first.urgency == .routine && !first.urgencyDefaulted)
            #expect(first.consent.kind == "not-required")
            let noReason = await #expect(throws: RPCError.self) {
                try await server.referrals(civil) { try await $0.declineReferral(.with { $0.referralID = first.referralID }) }
            }
            #expect(noReason?.code == .invalidArgument)
            #expect(noReason?.message.hasPrefix("reason:") == true)
            let declined = try await server.referrals(civil) {
                try await $0.declineReferral(.with { $0.referralID = first.referralID; $0.reason = "outside our service area" })
            }
            #expect(declined.status == .declined && declined.closingNote == "outside our service area")
            #expect(try await server.notices(to: "education", kind: "referral.declined").map(\.subject)
                == ["referral/\(first.referralID)"])
            #expect(try await server.notices(to: "education", kind: "referral.declined").first?.detail.contains("outside") == false)

            let second = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(
                    3, to: "civil-affairs", urgency: .urgent,
                    consent: .emergencyJustification("guardian unreachable, student alone at home")))
            }
            let wrongParty = await #expect(throws: RPCError.self) {
                try await server.referrals(civil) { try await $0.withdrawReferral(.with { $0.referralID = second.referralID }) }
            }
            #expect(wrongParty?.code == .permissionDenied)
            let withdrawn = try await server.referrals(education) {
                try await $0.withdrawReferral(.with { $0.referralID = second.referralID; $0.reason = "family moved away" })
            }
            #expect(withdrawn.status == .withdrawn)
            #expect(try await server.notices(to: "civil-affairs", kind: "referral.withdrawn").map(\.subject)
                == ["referral/\(second.referralID)"])
        }
    }

    @Test("only the parties act, each for the department in its certificate")
    func parties() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let id = try await server.referrals(try server.system("education")) {
                try await $0.createReferral(ReferralFixtures.create(4))
            }.referralID
            // The referrer cannot accept for the receiver: its certificate names education.
            let referrer = await #expect(throws: RPCError.self) {
                try await server.referrals(try server.system("education")) { try await $0.acceptReferral(.with { $0.referralID = id }) }
            }
            #expect(referrer?.code == .permissionDenied)
            #expect(referrer?.message.contains("only the receiving department accepts") == true)
            // A third department cannot act on it, nor learn that it exists.
            for call in ["accept", "decline", "withdraw"] {
                let third = await #expect(throws: RPCError.self, "\(call)") {
                    try await server.referrals(try server.person(.officer, of: "public-security")) { client in
                        switch call {
                        case "accept": _ = try await client.acceptReferral(.with { $0.referralID = id })
                        case "decline": _ = try await client.declineReferral(.with { $0.referralID = id; $0.reason = "x" })
                        default: _ = try await client.withdrawReferral(.with { $0.referralID = id })
                        }
                    }
                }
                #expect(third?.code == .notFound, "\(call)")
            }
            // Coordinators see referrals but do not act on them.
            let coordinator = await #expect(throws: RPCError.self) {
                try await server.referrals(try server.person(.coordinator, of: "health")) { try await $0.acceptReferral(.with { $0.referralID = id }) }
            }
            #expect(coordinator?.code == .permissionDenied)
            #expect(try await server.referrals(try server.system("education")) {
                try await $0.getReferral(.with { $0.referralID = id })
            }.referral.status == .pending)
        }
    }

    @Test("bad input names the field; linked records must be the referrer's own, about the same person")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let own = try await server.publishScreening(5, risk: 2)
            let otherPerson = try await server.publishScreening(6, risk: 2)

            let cases: [(Referrals_CreateReferralRequest, String, String)] = [
                (ReferralFixtures.create(5, records: [otherPerson]), "linked_record_ids[0]", "another person"),
                (ReferralFixtures.create(5, records: [own, UUID().uuidString.lowercased()]), "linked_record_ids[1]", "is not a record education published"),
                (ReferralFixtures.create(5, records: ["not-a-uuid"]), "linked_record_ids[0]", "not a record id"),
                (ReferralFixtures.create(5, consent: nil), "consent", "is required"),
                (ReferralFixtures.create(5, consent: .emergencyJustification("hurry")), "consent.emergency_justification", "at least 10"),
                (ReferralFixtures.create(5, to: "civil-affairs"), "urgency", "no plugin default"),
                (ReferralFixtures.create(5, to: "education"), "to_department", "itself"),
                (ReferralFixtures.create(5, to: "nowhere", urgency: .routine), "to_department", "no department 'nowhere'"),
                (.with { $0.toDepartment = "health"; $0.subjectNationalID = "123"; $0.reason = "x"
                         $0.consent = .with { $0.givenReference = "f" } }, "subject_national_id", "18-character"),
                (.with { $0.toDepartment = "health"; $0.subjectNationalID = Fixtures.nationalID(5)
                         $0.consent = .with { $0.givenReference = "f" } }, "reason", "is required"),
            ]
            for (request, field, words) in cases {
                let error = await #expect(throws: RPCError.self, "\(field)") {
                    try await server.referrals(education) { try await $0.createReferral(request) }
                }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.contains("\(field):") == true, "\(field): \(error?.message ?? "")")
                #expect(error?.message.contains(words) == true, "\(field): \(error?.message ?? "")")
            }
            // Health did not publish education's record: it cannot link it, even about the same person.
            let foreign = await #expect(throws: RPCError.self) {
                try await server.referrals(try server.system("health")) {
                    try await $0.createReferral(ReferralFixtures.create(5, to: "civil-affairs", records: [own], urgency: .routine))
                }
            }
            #expect(foreign?.code == .invalidArgument)
            #expect(foreign?.message.contains("linked_record_ids[0]: '\(own)' is not a record health published") == true)
            let badID = await #expect(throws: RPCError.self) {
                try await server.referrals(education) { try await $0.getReferral(.with { $0.referralID = "x" }) }
            }
            #expect(badID?.code == .invalidArgument)
            #expect(badID?.message.hasPrefix("referral_id:") == true)
            #expect(try await server.referrals(education) { try await $0.listReferrals(.init()).referrals }.isEmpty)
            #expect(try await server.notices(to: "health", kind: "referral.received").isEmpty)
        }
    }
}
