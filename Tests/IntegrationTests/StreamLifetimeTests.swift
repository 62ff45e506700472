import CoordinationCore
import CoordinationAPI
import CoordinationClient
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import SwiftProtobuf
import Testing

/// A stream's work ends with its client: when a department system dies with hundreds of
/// streams open, the server's open streams, CPU and database transactions return to idle within
/// seconds, and its memory returns near where it was.
@Suite("Stream lifetime")
struct StreamLifetimeTests {
    /// Streams one client process opens.
    static let streamsPerClient = 300

    @Test("streams of a killed client process end at once; CPU, transactions and memory return to idle")
    func killedClients() async throws {
        let dataDirectory = NSTemporaryDirectory() + "coord-streams-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let postgres = EmbeddedPostgres(directory: "\(dataDirectory)/postgres", port: 0)
        let server = try ServerProcess.dev(in: dataDirectory)
        defer { try? postgres.stop() }
        let pki = "\(dataDirectory)/pki"
        let admin = ClientCredentials.inDirectory(pki, name: "admin")
        let coordinator = ClientCredentials.inDirectory(pki, name: "coordinator")
        let port = try await server.waitUntilServing(credentials: admin)
        let probe = ServerProbe(server: server, port: port, admin: admin, database: postgres.superuserSettings(try postgres.runningCredentials()))
        let calls = try await Self.streamCalls(port: port, coordinator: coordinator)

        try await Task.sleep(for: .seconds(3))
        let idle = try await probe.measure(for: .seconds(8))
        let memoryBefore = try server.residentBytes()

        // The first client: its streams end with it, and the work they did stops.
        let client = try StreamClients(port: port, credentials: coordinator, count: Self.streamsPerClient, calls: calls)
        try await probe.waitForOpenStreams(atLeast: Self.streamsPerClient)
        let busy = try await probe.measure(for: .seconds(4))
        client.kill()
        let ended = try await probe.waitForOpenStreams(atMost: 0, within: .seconds(10))
        // Statistics of the killed streams' last transactions reach pg_stat_database late: let them land.
        try await Task.sleep(for: .seconds(11))
        let after = try await probe.measure(for: .seconds(8))

        // Three more clients, one after another: a burst of streams opened and dropped.
        for _ in 0..<3 {
            let client = try StreamClients(port: port, credentials: coordinator, count: Self.streamsPerClient, calls: calls)
            try await probe.waitForOpenStreams(atLeast: Self.streamsPerClient)
            client.kill()
            _ = try await probe.waitForOpenStreams(atMost: 0, within: .seconds(10))
        }
        try await Task.sleep(for: .seconds(3))
        let memoryAfter = try server.residentBytes()

        print("""
            Streams: \(Self.streamsPerClient) open → 0 in \(ended) after the client was killed. \
            Idle: \(idle). With the streams open: \(busy). After: \(after). \
            Memory \(memoryBefore >> 20) MiB before, \(memoryAfter >> 20) MiB after \(4 * Self.streamsPerClient) streams.
            """)
        #expect(ended < .seconds(5))
        #expect(after.cpu < idle.cpu + 0.10, "CPU after the client died: \(after.cpu) of a core (idle \(idle.cpu))")
        #expect(after.transactionsPerSecond < idle.transactionsPerSecond * 2 + 5, "transactions/s after: \(after.transactionsPerSecond) (idle \(idle.transactionsPerSecond))")
        #expect(memoryAfter < memoryBefore + max(memoryBefore / 2, 48 << 20), "memory \(memoryBefore >> 20) → \(memoryAfter >> 20) MiB")
        #expect(try await server.terminate() == 0)
    }

    /// The streams a department system keeps open, as `/Service/Method=request hex` arguments:
    /// records, notices, alerts, a meeting followed live, and health.
    static func streamCalls(port: Int, coordinator: ClientCredentials) async throws -> [String] {
        let meeting = try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: coordinator) {
            try await Meetings_MeetingService.Client(wrapping: $0).createMeeting(.with {
                $0.kind = .joint
                $0.title = "Stream test"
                $0.jurisdictionCode = DevSeed.countyCode
                $0.startsAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(86_400))
                $0.invitees = [.with { $0.departmentCode = "education" }]
            })
        }
        let requests: [(String, any SwiftProtobuf.Message)] = [
            ("/coordination.sharing.v1.SharingService/Subscribe", Sharing_SubscribeRequest.with {
                $0.context = .with {
                    $0.purpose = .caseManagement
                    $0.legalBasis = .statutoryDuty
                }
            }),
            ("/coordination.notices.v1.NoticeService/Subscribe", Notices_SubscribeRequest()),
            ("/coordination.alerts.v1.AlertService/Watch", Alerts_WatchRequest()),
            ("/coordination.meetings.v1.MeetingService/Live", Meetings_LiveRequest.with { $0.meetingID = meeting.meetingID }),
            ("/grpc.health.v1.Health/Watch", Grpc_Health_V1_HealthCheckRequest()),
        ]
        return try requests.map { method, message in
            let bytes: [UInt8] = try message.serializedBytes()
            return "\(method)=\(bytes.hex)"
        }
    }
}

/// What the server is doing: its open streams (through `coord server status`'s RPC), its CPU
/// time and its database's transactions.
private struct ServerProbe {
    struct Activity: CustomStringConvertible {
        /// Cores busy, on average.
        let cpu: Double
        let transactionsPerSecond: Double
        var description: String {
            String(format: "%.1f%% of a core, %.1f transactions/s", cpu * 100, transactionsPerSecond)
        }
    }

    let server: ServerProcess
    let port: Int
    let admin: ClientCredentials
    let database: DatabaseSettings

    /// The open streams; asked again, as a client would, when the server answers UNAVAILABLE
    /// (hundreds of streams opening at once while the whole suite shares two cores can keep the
    /// database busier than an operation's timeout).
    func openStreams() async throws -> Int {
        var attempt = 1
        while true {
            do {
                return try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: admin) {
                    Int(try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()).openStreamsTotal)
                }
            } catch let error as RPCError where error.code == .unavailable && attempt < 5 {
                attempt += 1
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    func waitForOpenStreams(atLeast count: Int) async throws {
        for _ in 0..<300 {
            if try await openStreams() >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the server never had \(count) streams open (has \(try await openStreams()))")
    }

    /// Waits until at most `count` streams are open; returns how long that took.
    func waitForOpenStreams(atMost count: Int, within limit: Duration) async throws -> Duration {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if try await openStreams() <= count { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("\(try await openStreams()) streams still open \(limit) after their client died")
    }

    /// CPU and transactions over `duration`.
    func measure(for duration: Duration) async throws -> Activity {
        let (cpu0, transactions0) = (try server.cpuSeconds(), try await transactions())
        let start = ContinuousClock.now
        try await Task.sleep(for: duration)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let (cpu1, transactions1) = (try server.cpuSeconds(), try await transactions())
        return Activity(cpu: (cpu1 - cpu0) / seconds, transactionsPerSecond: Double(transactions1 - transactions0) / seconds)
    }

    /// Transactions committed and rolled back in the server's database so far.
    private func transactions() async throws -> Int {
        try await EmbeddedPostgres.withClient(database, logger: TestLog.logger) { client in
            let rows = try await client.query(
                "SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database WHERE datname = \(database.database)")
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }
}

/// A Python department system (`Support/stream_clients.py`) holding streams open until killed.
private final class StreamClients: Sendable {
    private let process: Process

    init(port: Int, credentials: ClientCredentials, count: Int, calls: [String]) throws {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let script = here.appendingPathComponent("Support/stream_clients.py")
        // The project's virtual environment (ops/install-deps) has grpcio; else the PATH's python3.
        let venv = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv/bin/python")
        let python = FileManager.default.isExecutableFile(atPath: venv.path) ? venv.path : "python3"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            python, script.path, "--server", "localhost:\(port)", "--ca", credentials.caPath, "--cert",
            credentials.certificatePath, "--key", credentials.keyPath, "--count", "\(count)",
        ] + calls
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// SIGKILL: the process dies without closing anything; the kernel drops its connections.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill() }
    }
}
