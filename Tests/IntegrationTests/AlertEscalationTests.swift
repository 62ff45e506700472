import CoordinationAPI
import CoordinationCore
import CoordinationServer
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// Unacknowledged alerts climb the ladder with a controllable clock: the target at the
/// deadline, health and political-legal a window later, each once; acknowledged targets never.
@Suite("Alert escalation")
struct AlertEscalationTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("past the deadline the target is re-notified; past the grace the offices; exactly once; none once acknowledged")
    func escalation() async throws {
        let clock = ManualClock(Self.start)
        try await TestServer.with(configure: {
            $0.clock = clock
            $0.alertSweepInterval = .milliseconds(100)
        }) { server in
            try await server.seedDirectory()
            let id = try await server.raiseAlert(
                as: try server.system("public-security"), severity: .critical, targets: ["education", "civil-affairs"])
            _ = try await server.alerts(try server.system("civil-affairs")) {
                try await $0.acknowledge(.with { $0.alertID = id })
            }

            // Within the 15 minutes of a critical alert nothing happens.
            clock.advance(by: 14 * 60)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "education", kind: "alert.unacknowledged").isEmpty)

            // Past the deadline: education is re-notified; nobody else.
            clock.advance(by: 2 * 60)
            let renotified = try await server.waitForNotices(to: "education", kind: "alert.unacknowledged")
            #expect(renotified.map(\.subject) == ["alert/\(id)"])
            #expect(renotified.first?.detail.contains("education was to acknowledge by") == true)
            #expect(try await server.notices(to: "civil-affairs", kind: "alert.unacknowledged").isEmpty)
            #expect(try await server.notices(to: "health", kind: "alert.escalated").isEmpty)
            let level1 = try await server.alerts(try server.system("education")) { try await $0.getAlert(.with { $0.alertID = id }) }
            #expect(level1.targets.first { $0.departmentCode == "education" }?.escalationLevel == 1)
            #expect(level1.targets.first { $0.departmentCode == "education" }?.overdue == true)

            // A further window (15 minutes) later: health and political-legal hear of it.
            clock.advance(by: 10 * 60)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "health", kind: "alert.escalated").isEmpty)
            clock.advance(by: 5 * 60)
            let health = try await server.waitForNotices(to: "health", kind: "alert.escalated")
            let politicalLegal = try await server.waitForNotices(to: "political-legal", kind: "alert.escalated")
            #expect(health.map(\.subject) == ["alert/\(id)"])
            #expect(politicalLegal.map(\.subject) == ["alert/\(id)"])
            #expect(health.first?.title.contains("education has not acknowledged") == true)

            // Much later, after many sweeps: still one of each; the acknowledged target never escalated;
            // no notice carries the summary.
            clock.advance(by: 30 * 86_400)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await server.notices(to: "education", kind: "alert.unacknowledged").count == 1)
            #expect(try await server.notices(to: "health", kind: "alert.escalated").count == 1)
            #expect(try await server.notices(to: "political-legal", kind: "alert.escalated").count == 1)
            #expect(try await server.notices(to: "civil-affairs", kind: "alert.unacknowledged").isEmpty)
            let all = try await server.notices(to: "health", kind: "") + server.notices(to: "education", kind: "")
            #expect(!all.contains { $0.title.contains("medication") || $0.detail.contains("medication") })
            let final = try await server.alerts(try server.person(.coordinator, of: "health")) {
                try await $0.getAlert(.with { $0.alertID = id })
            }
            #expect(final.targets.map(\.escalationLevel) == [0, 2])  // civil-affairs, education
        }
    }

    @Test("alert settings come from configuration keys, with defaults")
    func configuration() async throws {
        let required = ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                        "privacy.pseudonym-key": String(repeating: "ab", count: 32)]
        let defaults = try await ServerConfiguration.load(flags: required, environment: [:], file: nil)
        #expect(defaults.alertDeadlines == AlertDeadlines())
        #expect(defaults.alertDeadlines.window(for: .critical) == .seconds(15 * 60))
        #expect(defaults.alertSweepInterval == .seconds(10))
        #expect(defaults.alertRedeliveryInterval == .seconds(30))
        #expect(defaults.alertEscalateTo == ["health", "political-legal"])
        let set = try await ServerConfiguration.load(
            flags: required.merging(["alerts.ack-critical-minutes": "5", "alerts.redelivery-interval-ms": "1000"]) { $1 },
            environment: ["COORD_ALERTS_ESCALATE_TO": "health, justice", "COORD_ALERTS_ACK_MODERATE_MINUTES": "30"], file: nil)
        #expect(set.alertDeadlines.window(for: .critical) == .seconds(300))
        #expect(set.alertDeadlines.window(for: .high) == .seconds(3600))
        #expect(set.alertDeadlines.window(for: .moderate) == .seconds(1800))
        #expect(set.alertRedeliveryInterval == .seconds(1))
        #expect(set.alertEscalateTo == ["health", "justice"])
        let bad = await #expect(throws: CoordinationError.self) {
            _ = try await ServerConfiguration.load(
                flags: required.merging(["alerts.ack-high-minutes": "0"]) { $1 }, environment: [:], file: nil)
        }
        #expect(bad?.field == "alerts.ack-high-minutes")
    }
}
