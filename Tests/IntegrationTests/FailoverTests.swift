import CoordinationAPI
import CoordinationClient
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// A primary and a synchronous streaming standby on loopback; the server is given both hosts.
/// The primary dies while a department publishes, the standby is promoted, and the server
/// serves from it without a restart; every publish the server acknowledged is on the new primary.
@Suite("PostgreSQL failover")
struct FailoverTests {
    @Test("the server follows a promoted synchronous standby without a restart, and no acknowledged publish is lost")
    func failover() async throws {
        try await TestCluster.withDedicatedCluster { primary, credentials in
            let standbyDirectory = NSTemporaryDirectory() + "coord-standby-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: standbyDirectory) }
            let standby = EmbeddedPostgres(directory: standbyDirectory, port: 0, logger: TestLog.logger)
            let standbyCredentials = try standby.startStandby(of: credentials)
            defer { try? standby.stop() }
            try await Self.makeSynchronous(primary: primary.superuserSettings(credentials))

            var databases = primary.databases(credentials)
            let hosts = "127.0.0.1:\(credentials.port),127.0.0.1:\(standbyCredentials.port)"
            databases.runtime.host = hosts
            databases.owner.host = hosts
            try await TestServer.with(configure: { $0.databaseTimeout = .seconds(2) }, on: databases) { server in
                try await server.seedDirectory()
                let education = try server.system("education")
                let publisher = RetryingPublisher(server: server, credentials: education)

                var acknowledged: [String: String] = [:]  // request id → record id
                for n in 0..<20 { acknowledged[try Fixtures.screening(n, risk: 1).requestID] = try await publisher.publish(n) }

                // The primary dies mid-stream; the standby is promoted a moment later.
                let crash = ContinuousClock.now
                let during = Task { var ids: [String: String] = [:]
                    for n in 20..<40 { ids[try Fixtures.screening(n, risk: 1).requestID] = try await publisher.publish(n) }
                    return ids
                }
                try primary.stopImmediately()
                try await Task.sleep(for: .milliseconds(500))
                try standby.promote()
                acknowledged.merge(try await during.value) { first, _ in first }
                let recovered = publisher.firstSuccess(after: crash).map { crash.duration(to: $0) }
                for n in 40..<60 { acknowledged[try Fixtures.screening(n, risk: 1).requestID] = try await publisher.publish(n) }
                print("Failover: publishing resumed \(recovered.map { "\($0)" } ?? "?") after the primary died; \(publisher.failures) calls failed and were retried")

                // Every acknowledged publish is on the new primary, once.
                var newPrimary = primary.superuserSettings(credentials)
                newPrimary.port = standbyCredentials.port
                let stored = try await EmbeddedPostgres.withClient(newPrimary, logger: TestLog.logger) { client in
                    var ids: [String] = []
                    let rows = try await client.query("SELECT id::text FROM coord.record")
                    for try await id in rows.decode(String.self) { ids.append(id) }
                    return ids
                }
                #expect(acknowledged.count == 60)
                #expect(Set(acknowledged.values).isSubset(of: Set(stored)), "acknowledged publishes missing after the failover")
                // A publish retried across the failover is stored once: its request id finds the first.
                #expect(Set(acknowledged.values).count == 60 && stored.count == 60, "\(stored.count) records stored for 60 publishes")

                // Reads and the audit go to the new primary too.
                let found = try await server.sharing(education) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                        $0.subjectNationalID = Fixtures.nationalID(55)
                    })
                }
                #expect(found.records.count == 1)
            }
        }
    }

    /// Makes every standby synchronous (`synchronous_standby_names = '*'`): a commit returns only
    /// once a standby has it; waits until the standby is streaming as synchronous.
    static func makeSynchronous(primary: DatabaseSettings) async throws {
        var settings = primary
        settings.database = "postgres"
        try await EmbeddedPostgres.withClient(settings, logger: TestLog.logger) { client in
            try await client.query("ALTER SYSTEM SET synchronous_standby_names = '*'")
            try await client.query("SELECT pg_reload_conf()")
            for _ in 0..<100 {
                let rows = try await client.query("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'").collect()
                if try rows.first?.decode(Int.self) == 1 { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TestFailure("the standby did not become synchronous")
        }
    }
}

/// Publishes screening `n`, sending the same request again (same request id) while the answer
/// is UNAVAILABLE, as a department system should; counts the failures.
final class RetryingPublisher: @unchecked Sendable {
    let server: TestServer
    let credentials: ClientCredentials
    private let lock = NSLock()
    private var failed = 0
    private var successes: [ContinuousClock.Instant] = []

    init(server: TestServer, credentials: ClientCredentials) {
        self.server = server
        self.credentials = credentials
    }

    var failures: Int { lock.withLock { failed } }

    func firstSuccess(after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        lock.withLock { successes.filter { $0 > instant }.min() }
    }

    /// The record id of screening `n`, once acknowledged (within a minute).
    func publish(_ n: Int) async throws -> String {
        let request = try Fixtures.screening(n, risk: 1)
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            var options = CallOptions.defaults
            options.timeout = .seconds(5)
            do {
                let response = try await server.sharing(credentials) { [options] in try await $0.publish(request, options: options) }
                lock.withLock { successes.append(.now) }
                return response.recordID
            } catch let error as RPCError where [.unavailable, .deadlineExceeded, .aborted].contains(error.code) {
                lock.withLock { failed += 1 }
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
