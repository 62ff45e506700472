import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import Synchronization
import Testing

/// Alerts reach the targeted department's watchers until it acknowledges: after a reconnect,
/// after a server restart, and again on a live stream every redelivery interval.
@Suite("Alert delivery", .serialized)
struct AlertDeliveryTests {
    @Test("raised while nobody watches: delivered on connect, again after a reconnect, never once acknowledged")
    func reconnect() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let health = try server.system("health")
            let id = try await server.raiseAlert(as: try server.system("public-security"))
            let first = try await server.watchAlerts(1, as: health)
            #expect(first.map(\.alert.alertID) == [id])
            #expect(first.first?.delivery == 1)
            #expect(first.first?.redelivered == false)
            #expect(first.first?.alert.summary == "patient stopped medication, threatened neighbours")

            // The subscriber went away without acknowledging: the next connection gets it again.
            let second = try await server.watchAlerts(1, as: health)
            #expect(second.map(\.alert.alertID) == [id])
            #expect(second.first?.delivery == 2)

            // Other departments' watchers get nothing.
            let education = try server.system("education")
            #expect(try await server.watchAlerts(1, as: education, within: .seconds(1)).isEmpty)

            _ = try await server.alerts(health) { try await $0.acknowledge(.with { $0.alertID = id }) }
            #expect(try await server.watchAlerts(1, as: health, within: .milliseconds(1500)).isEmpty)
            let target = try await server.alerts(health) { try await $0.getAlert(.with { $0.alertID = id }) }.targets.first
            #expect(target?.deliveries == 2)
            #expect(target?.hasLastDeliveredAt == true)
        }
    }

    @Test("raised on one server, delivered by a restarted one on the same database; acknowledged, no more")
    func acrossRestart() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        let id = try await TestServer.with(sharing: (pki, databases)) { first in
            try await first.seedDirectory()
            return try await first.raiseAlert(as: try first.system("public-security"), severity: .critical)
        }
        // The first server is gone; nobody ever watched. A new one delivers the alert.
        try await TestServer.with(sharing: (pki, databases)) { restarted in
            let health = try restarted.system("health")
            let delivered = try await restarted.watchAlerts(1, as: health)
            #expect(delivered.map(\.alert.alertID) == [id])
            #expect(delivered.first?.alert.severity == .critical)
            #expect(delivered.first?.delivery == 1)
            _ = try await restarted.alerts(health) { try await $0.acknowledge(.with { $0.alertID = id }) }
        }
        try await TestServer.with(sharing: (pki, databases)) { again in
            let health = try again.system("health")
            #expect(try await again.watchAlerts(1, as: health, within: .milliseconds(1500)).isEmpty)
        }
    }

    @Test("a live watcher gets a new alert at once, then again every redelivery interval until it is acknowledged")
    func liveRedelivery() async throws {
        try await TestServer.with(configure: {
            $0.alertRedeliveryInterval = .milliseconds(400)
            $0.subscriptionPollInterval = .seconds(60)
        }) { server in
            try await server.seedDirectory()
            let health = try server.system("health")
            let police = try server.system("public-security")
            async let watched = server.watchAlerts(3, as: health, within: .seconds(10))
            try await Task.sleep(for: .milliseconds(700))
            let id = try await server.raiseAlert(as: police)
            let deliveries = try await watched
            #expect(deliveries.map(\.alert.alertID) == [id, id, id])
            #expect(deliveries.map(\.delivery) == [1, 2, 3])
            #expect(deliveries.map(\.redelivered) == [false, true, true])

            // Acknowledged during the stream: nothing more comes on it.
            let received = Mutex<[Alerts_AlertDelivery]>([])
            var options = CallOptions.defaults
            options.timeout = .seconds(2)
            do {
                try await server.alerts(health) { [options] client in
                    try await client.watch(Alerts_WatchRequest(), options: options) { response in
                        for try await delivery in response.messages {
                            received.withLock { $0.append(delivery) }
                            _ = try await client.acknowledge(.with { $0.alertID = delivery.alert.alertID })
                        }
                    }
                }
            } catch let error as RPCError where error.code == .deadlineExceeded {}
            #expect(received.withLock { $0.map(\.alert.alertID) } == [id])
            #expect(received.withLock { $0.map(\.delivery) } == [4])
        }
    }
}
