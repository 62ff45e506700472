import CoordinationAPI
import CoordinationClient
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import Synchronization
import Testing

/// Two `coordination-server serve` processes on one database, restarted one after the other
/// (SIGTERM, drain, start again on the same port) while departments publish through both and
/// retry UNAVAILABLE on the other: no acknowledged publish is lost, every instance exits 0.
@Suite("Rolling restart")
struct RollingRestartTests {
    @Test("restarting two instances one at a time under load loses no acknowledged publish for clients that retry")
    func rollingRestart() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        try await TestServer.with(sharing: (pki, databases)) { try await $0.seedDirectory() }

        let ports = [try LocalPort.free(), try LocalPort.free()]
        let environment: [String: String] = [
            "COORD_TLS_CERTIFICATE": pki.serverCertificate, "COORD_TLS_KEY": pki.serverKey, "COORD_TLS_CLIENT_CA": pki.caPath,
            "COORD_DATABASE_HOST": databases.runtime.host, "COORD_DATABASE_PORT": String(databases.runtime.port),
            "COORD_DATABASE_NAME": databases.runtime.database, "COORD_DATABASE_USER": databases.runtime.username,
            "COORD_DATABASE_PASSWORD": databases.runtime.password ?? "", "COORD_DATABASE_TLS": "disable",
            "COORD_PRIVACY_PSEUDONYM_KEY": TestServer.pseudonymKey, "COORD_METRICS_PORT": "0", "COORD_LOG_LEVEL": "notice",
        ]
        let start = { (instance: Int) in
            try ServerProcess(arguments: ["serve", "--port", String(ports[instance])], environment: environment)
        }
        let education = try pki.client("system-education", kind: .system, department: "education").credentials
        var instances = [try start(0), try start(1)]
        for instance in instances { try await instance.waitUntilServing(credentials: education) }

        let load = PublishLoad(ports: ports, credentials: education)
        let workers = Task { await load.run(workers: 4) }
        try await load.waitFor(acknowledged: 30)
        for instance in 0..<2 {
            #expect(try await instances[instance].terminate() == 0, "instance \(instance) did not drain cleanly")
            instances[instance] = try start(instance)
            try await instances[instance].waitUntilServing(credentials: education)
            try await load.waitFor(acknowledged: load.count + 20)
        }
        load.stop()
        await workers.value

        let acknowledged = load.acknowledged
        let stored = try await EmbeddedPostgres.withClient(databases.superuser, logger: TestLog.logger) { client in
            var ids = Set<String>()
            for try await id in try await client.query("SELECT id::text FROM coord.record").decode(String.self) { ids.insert(id) }
            return ids
        }
        #expect(acknowledged.count >= 70)
        #expect(acknowledged.isSubset(of: stored), "lost: \(acknowledged.subtracting(stored).prefix(5))")
        #expect(load.gaveUp == 0)
        print("Rolling restart: \(acknowledged.count) publishes acknowledged, \(load.retries) calls retried on the other instance")
        for instance in instances { #expect(try await instance.terminate() == 0) }
    }
}

/// Workers publishing screenings, each call to one instance first and, while the answer is
/// UNAVAILABLE (or the instance cannot be reached), again to the other, with the same request id.
final class PublishLoad: Sendable {
    let ports: [Int]
    let credentials: ClientCredentials
    private let state = Mutex<(ids: Set<String>, retries: Int, gaveUp: Int, stopped: Bool)>(([], 0, 0, false))

    init(ports: [Int], credentials: ClientCredentials) {
        self.ports = ports
        self.credentials = credentials
    }

    var acknowledged: Set<String> { state.withLock { $0.ids } }
    var count: Int { state.withLock { $0.ids.count } }
    var retries: Int { state.withLock { $0.retries } }
    var gaveUp: Int { state.withLock { $0.gaveUp } }
    func stop() { state.withLock { $0.stopped = true } }

    func waitFor(acknowledged target: Int) async throws {
        for _ in 0..<600 where count < target { try await Task.sleep(for: .milliseconds(100)) }
        guard count >= target else { throw TestFailure("only \(count) of \(target) publishes acknowledged within 60 s") }
    }

    func run(workers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var n = 0
                    while !self.state.withLock({ $0.stopped }) {
                        n += 1
                        await self.publish(worker * 100_000 + n, first: n % self.ports.count)
                    }
                }
            }
        }
    }

    private func publish(_ n: Int, first: Int) async {
        guard let request = try? Fixtures.screening(n, risk: 1, requestID: "rolling-\(n)") else { return }
        var attempt = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let port = ports[(first + attempt) % ports.count]
            do {
                let response = try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials) {
                    try await Sharing_SharingService.Client(wrapping: $0).publish(request, options: .quick)
                }
                state.withLock { _ = $0.ids.insert(response.recordID) }
                return
            } catch let error as RPCError where ![.unavailable, .deadlineExceeded].contains(error.code) {
                break  // refused for what it is: sending it again would not help
            } catch {
                // UNAVAILABLE, or the instance cannot be reached: the other one may answer.
                state.withLock { $0.retries += 1 }
            }
            attempt += 1
            try? await Task.sleep(for: .milliseconds(100))
        }
        state.withLock { $0.gaveUp += 1 }
    }
}
