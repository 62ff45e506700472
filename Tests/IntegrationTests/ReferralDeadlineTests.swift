import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationServer
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// Acceptance deadlines with a controllable clock: a pending referral past its deadline is
/// re-notified to the receiver, then escalated to the leading-group office, each once.
@Suite("Referral deadlines")
struct ReferralDeadlineTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)
    private static let hour: TimeInterval = 3600

    @Test("urgent referral: overdue at 24 h to the receiver, escalated 6 h later to the office; exactly once; none once accepted")
    func escalation() async throws {
        let clock = ManualClock(Self.start)
        try await TestServer.with(configure: {
            $0.clock = clock
            $0.referralSweepInterval = .milliseconds(100)
        }) { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let civil = try server.system("civil-affairs")
            let late = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(7, to: "civil-affairs", urgency: .urgent))
            }
            let answered = try await server.referrals(education) {
                try await $0.createReferral(ReferralFixtures.create(8, to: "civil-affairs", urgency: .urgent))
            }
            #expect(late.acceptBy.date == Self.start + 24 * Self.hour)

            // Before the deadline nothing happens; the second referral is accepted in time.
            clock.advance(by: 23 * Self.hour)
            _ = try await server.referrals(civil) { try await $0.acceptReferral(.with { $0.referralID = answered.referralID }) }
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "civil-affairs", kind: "referral.overdue").isEmpty)

            // At the deadline: the receiver is told again.
            clock.advance(by: Self.hour + 60)
            let overdue = try await server.waitForNotices(to: "civil-affairs", kind: "referral.overdue")
            #expect(overdue.map(\.subject) == ["referral/\(late.referralID)"])
            #expect(!overdue[0].detail.contains(ReferralFixtures.reason))
            let level1 = try await server.referrals(civil) { try await $0.getReferral(.with { $0.referralID = late.referralID }) }
            #expect(level1.referral.overdue)
            #expect(level1.referral.escalationLevel == 1)
            #expect(try await server.notices(to: "health", kind: "referral.escalated").isEmpty)

            // Within the grace (a quarter of 24 h) the office hears nothing; after it, it does.
            clock.advance(by: 5 * Self.hour)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "health", kind: "referral.escalated").isEmpty)
            clock.advance(by: Self.hour)
            let escalated = try await server.waitForNotices(to: "health", kind: "referral.escalated")
            #expect(escalated.map(\.subject) == ["referral/\(late.referralID)"])

            // Much later, after many sweeps: still exactly one of each, and none for the accepted referral.
            clock.advance(by: 30 * 24 * Self.hour)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await server.notices(to: "civil-affairs", kind: "referral.overdue").map(\.subject)
                == ["referral/\(late.referralID)"])
            #expect(try await server.notices(to: "health", kind: "referral.escalated").map(\.subject)
                == ["referral/\(late.referralID)"])
            let detail = try await server.referrals(education) { try await $0.getReferral(.with { $0.referralID = late.referralID }) }
            #expect(detail.referral.escalationLevel == 2)
            #expect(detail.history.map(\.kind) == ["created", "overdue", "escalated"])
            #expect(detail.history.last?.actor == "referral-escalator")
            let accepted = try await server.referrals(education) {
                try await $0.getReferral(.with { $0.referralID = answered.referralID })
            }
            #expect(accepted.referral.escalationLevel == 0)
            #expect(!accepted.referral.overdue)
        }
    }

    @Test("deadline settings come from configuration keys, with defaults")
    func configuration() async throws {
        let required = ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                        "privacy.pseudonym-key": String(repeating: "ab", count: 32)]
        let defaults = try await ServerConfiguration.load(flags: required, environment: [:], file: nil)
        #expect(defaults.referralDeadlines == ReferralDeadlines(emergency: 3600, urgent: 86_400, routine: 7 * 86_400))
        #expect(defaults.referralDeadlines.grace(.emergency) == 900)
        #expect(defaults.referralSweepInterval == .seconds(60))
        let set = try await ServerConfiguration.load(
            flags: required.merging([
                "referrals.deadline-emergency-minutes": "30", "referrals.deadline-urgent-hours": "12",
                "referrals.deadline-routine-days": "3", "referrals.sweep-interval-ms": "500",
            ]) { $1 },
            environment: ["COORD_REFERRALS_ESCALATION_GRACE_MINUTES": "20"], file: nil)
        #expect(set.referralDeadlines == ReferralDeadlines(emergency: 1800, urgent: 12 * 3600, routine: 3 * 86_400, escalationGrace: 1200))
        #expect(set.referralSweepInterval == .milliseconds(500))
        for (key, value) in [("referrals.sweep-interval-ms", "0"), ("referrals.deadline-urgent-hours", "0")] {
            let error = await #expect(throws: CoordinationError.self, "\(key)") {
                _ = try await ServerConfiguration.load(flags: required.merging([key: value]) { $1 }, environment: [:], file: nil)
            }
            #expect(error?.violations.map(\.field) == [key])
        }
    }
}
