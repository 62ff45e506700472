import CoordinationAPI
import CoordinationClient
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Synchronization
import Testing

/// PostgreSQL stops while the server is busy and comes back: calls in flight get UNAVAILABLE
/// within the configured database timeout, never wait for the client's deadline, and the server
/// serves again without a restart, whatever happened before (here, a plugin reinstall).
@Suite("Database outages")
struct DatabaseOutageTests {
    /// The audit chain's advisory lock (`AuditLog.lockKey`): held here, the next publishes
    /// wait for it inside the database, as they would behind a slow transaction.
    static let auditChainLock: Int64 = 0x636F_6F72_645F_6175

    @Test("after a plugin reinstall, publishes in flight when PostgreSQL stops end UNAVAILABLE in time, and publishing resumes")
    func outageDuringPublishing() async throws {
        try await TestCluster.withDedicatedCluster { postgres, credentials in
            let databases = postgres.databases(credentials)
            try await TestServer.with(configure: { $0.databaseTimeout = .seconds(2) }, on: databases) { server in
                try await server.seedDirectory()
                try await server.plugins(try server.pki.admin) { plugins in
                    let unions = try await plugins.listPlugins(.init()).plugins.first { $0.id == "unions" }
                    _ = try await plugins.uninstallPlugin(.with { $0.pluginID = "unions" })
                    _ = try await plugins.installPlugin(.with {
                        $0.pluginID = "unions"
                        $0.version = unions?.version ?? ""
                    })
                }
                let education = try server.system("education")
                _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 1)) }

                let holder = LockHolder(databases.superuser)
                try await holder.hold(Self.auditChainLock)
                let inFlight = (0..<4).map { n in
                    Task { try await Self.timedPublish(Fixtures.screening(100 + n, risk: 1), as: education, on: server) }
                }
                try await Task.sleep(for: .milliseconds(500))
                try postgres.stop()
                var outcomes: [(RPCError.Code?, Duration)] = []
                for call in inFlight { outcomes.append(try await call.value) }
                holder.release()
                for (code, elapsed) in outcomes {
                    #expect(code == .unavailable, "a publish in flight ended \(String(describing: code)) after \(elapsed)")
                    #expect(elapsed < .seconds(5), "a publish in flight was answered only after \(elapsed)")
                }

                try await Task.sleep(for: .seconds(2))
                _ = try await postgres.start()
                let resumed = ContinuousClock.now
                var published = false
                for attempt in 0..<120 where !published {
                    let (code, _) = try await Self.timedPublish(Fixtures.screening(200 + attempt, risk: 1), as: education, on: server)
                    published = code == nil
                    if !published { try await Task.sleep(for: .milliseconds(250)) }
                }
                #expect(published, "publishing did not resume within 30 s of PostgreSQL's return")
                print("Publishing resumed \(ContinuousClock.now - resumed) after PostgreSQL returned; in flight: \(outcomes)")
            }
        }
    }

    /// Publishes with a 10 s deadline; returns the status (nil for OK) and how long it took.
    static func timedPublish(
        _ request: Sharing_PublishRequest, as credentials: ClientCredentials, on server: TestServer
    ) async throws -> (RPCError.Code?, Duration) {
        let start = ContinuousClock.now
        var options = CallOptions.defaults
        options.timeout = .seconds(10)
        do {
            _ = try await server.sharing(credentials) { [options] in try await $0.publish(request, options: options) }
            return (nil, ContinuousClock.now - start)
        } catch let error as RPCError {
            return (error.code, ContinuousClock.now - start)
        }
    }
}

/// Holds a PostgreSQL advisory lock in an open transaction until released or until the
/// database goes away.
private final class LockHolder: Sendable {
    private let settings: DatabaseSettings
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(_ settings: DatabaseSettings) { self.settings = settings }

    /// Returns once the lock is held.
    func hold(_ key: Int64) async throws {
        let (held, signal) = AsyncStream<Void>.makeStream()
        let settings = settings
        task.withLock {
            $0 = Task {
                try await EmbeddedPostgres.withClient(settings, logger: TestLog.logger) { client in
                    try await client.withConnection { connection in
                        try await connection.query("BEGIN", logger: TestLog.logger)
                        try await connection.query("SELECT pg_advisory_xact_lock(\(key))", logger: TestLog.logger)
                        signal.yield()
                        try await Task.sleep(for: .seconds(120))
                    }
                }
            }
        }
        for await _ in held { return }
        throw TestFailure("the advisory lock was not taken")
    }

    func release() {
        task.withLock { $0?.cancel() }
    }
}
