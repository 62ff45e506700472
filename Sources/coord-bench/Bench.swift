import ArgumentParser
import BuiltInPlugins
import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationServer
import DevEnvironment
import EducationPlugin
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle
import Synchronization
import SwiftProtobuf

/// Measures the server against its peers in one run, on one machine: bare gRPC echo over the
/// same mutual TLS, and pgbench one-INSERT transactions against the same PostgreSQL cluster.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coord-bench",
        abstract: "Benchmark publishing, batching and delivery against bare gRPC echo and pgbench.",
        discussion: "Build with -c release for meaningful figures: swift run -c release coord-bench")

    @Option(help: "Seconds per throughput phase.") var seconds: Int = 10
    @Option(help: "Concurrent clients (connections) for the throughput phases and pgbench.") var clients: Int = 8
    @Option(help: "Record subscribers for the delivery-latency phase.") var subscribers: Int = 100
    @Option(help: "Records per batch for batched publishing.") var batchSize: Int = 500
    @Option(help: "Folder for the cluster and certificates (default: a fresh temporary folder).") var dataDir: String?

    func run() async throws {
        var logger = Logger(label: "coordination.bench")
        logger.logLevel = .error
        let root = dataDir ?? NSTemporaryDirectory() + "coord-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        let environment = DevEnvironment(root: root, postgresPort: 0, logger: logger)
        let prepared = try await environment.prepare(installing: try BuiltInPlugins.catalog())
        let credentials = try await environment.postgres.start()

        var configuration = ServerConfiguration(
            listenHost: "127.0.0.1", listenPort: 0, certificatePath: prepared.serverCertificate,
            keyPath: prepared.serverKey, clientCAPath: prepared.caCertificate, database: prepared.runtime,
            migrator: prepared.owner, logLevel: .error, pseudonymKey: prepared.pseudonymKey)
        configuration.subscriptionPollInterval = .seconds(2)
        let server = try CoordinationServer(configuration: configuration, catalog: try BuiltInPlugins.catalog(), logger: logger)
        let echoTransport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: CoordinationServer.transportSecurity(configuration))
        let echo = PlainServer(server: GRPCServer(transport: echoTransport, services: [EchoPeer()]))
        let group = ServiceGroup(configuration: .init(
            services: ([EmbeddedPostgresService(postgres: environment.postgres)] + server.services + [echo]).map { .init(service: $0) },
            logger: logger))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await server.listeningPort()
            let echoPort = try await Self.port(of: echoTransport)
            let pki = environment.pkiDirectory
            let education = ClientCredentials.inDirectory(pki, name: "system-education")
            let health = ClientCredentials.inDirectory(pki, name: "system-health")
            try await Self.waitUntilServing(port: port, credentials: education)
            do {
                try await measure(port: port, echoPort: echoPort, education: education, health: health, environment: environment,
                                  credentials: credentials)
            } catch {
                report("benchmark failed: \(error)")
            }
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
        if dataDir == nil { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The phases, in order; each prints its figure.
    func measure(
        port: Int, echoPort: Int, education: ClientCredentials, health: ClientCredentials, environment: DevEnvironment,
        credentials: EmbeddedPostgres.Credentials
    ) async throws {
            let clients = self.clients
            let subscribers = self.subscribers
            let duration = Duration.seconds(seconds)
            report("coord-bench: \(clients) clients, \(seconds) s per phase, 2 cores shared by client, server and PostgreSQL")

            let echoRate = try await Measure.throughput(workers: clients, duration: duration) { _, until in
                try await CoordinationConnection.withClient(host: "localhost", port: echoPort, credentials: education) { client in
                    let payload = Google_Protobuf_BytesValue.with { $0.value = Data(repeating: 7, count: 256) }
                    var done = 0
                    while ContinuousClock.now < until {
                        try await EchoPeer.call(client, payload: payload)
                        done += 1
                    }
                    return done
                }
            }
            report(String(format: "bare echo (mTLS, unary)           %10.0f calls/s", echoRate))

            let highest = Mutex<Int64>(0)
            let unaryRate = try await Measure.throughput(workers: clients, duration: duration) { worker, until in
                try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: education) { client in
                    let sharing = Sharing_SharingService.Client(wrapping: client)
                    var done = 0
                    while ContinuousClock.now < until {
                        let response = try await sharing.publish(try Self.record("u-\(worker)-\(done)", n: done))
                        highest.withLock { $0 = max($0, response.sequence) }
                        done += 1
                    }
                    return done
                }
            }
            report(String(format: "unary publish                     %10.0f records/s  (%.2f× echo; target ≥ 0.5×)",
                         unaryRate, unaryRate / echoRate))

            let batchSize = self.batchSize
            let batchRate = try await Measure.throughput(workers: clients, duration: duration) { worker, until in
                try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: education) { client in
                    let sharing = Sharing_SharingService.Client(wrapping: client)
                    var done = 0
                    while ContinuousClock.now < until {
                        let batch = try (0..<batchSize).map { try Self.record("b-\(worker)-\(done + $0)", n: done + $0) }
                        let response = try await sharing.publishBatch(requestProducer: { try await $0.write(contentsOf: batch) })
                        highest.withLock { $0 = max($0, response.results.last?.sequence ?? 0) }
                        done += batchSize
                    }
                    return done
                }
            }

            let tps = try await environment.postgres.pgbenchInsertTPS(
                credentials: credentials, clients: clients, threads: 2, seconds: seconds)
            report(String(format: "batched publish (%d per batch)    %10.0f records/s  (%.2f× pgbench; target ≥ 1.0×)",
                         batchSize, batchRate, batchRate / tps))
            report(String(format: "pgbench one-INSERT, -c %d -j 2     %10.0f tps", clients, tps))

            let (p50, p99, delivered, expected) = try await Self.deliveryLatency(
                port: port, publisher: education, subscriber: health, subscribers: subscribers,
                rate: unaryRate / 2, duration: duration, after: highest.withLock { $0 }, clients: clients)
            report(String(format: "delivery at %.0f records/s, %d subscribers: p50 %.2f ms, p99 %.2f ms (target p99 ≤ 10 ms); %d of %d events",
                         unaryRate / 2, subscribers, p50, p99, delivered, expected))
    }

    /// A screening report for the benchmark; `name` lets subscribers match events to sends.
    static func record(_ requestID: String, n: Int, name: String? = nil) throws -> Sharing_PublishRequest {
        try .with {
            $0.requestID = requestID
            $0.jurisdictionCode = "demo-county.chengguan.dongmen"
            $0.record = try Google_Protobuf_Any(message: Education_StudentScreeningReport.with {
                $0.nationalID = NationalIDs.make(n)
                $0.studentName = name ?? "bench"
                $0.schoolCode = "school-1"
                $0.screenedAt = Google_Protobuf_Timestamp(date: Date())
                $0.riskLevel = 1
            })
        }
    }

    /// Publishes at `rate` for `duration` while `subscribers` streams receive; returns the
    /// publish-to-delivery latency percentiles in ms, events delivered and expected.
    static func deliveryLatency(
        port: Int, publisher: ClientCredentials, subscriber: ClientCredentials, subscribers: Int, rate: Double,
        duration: Duration, after sequence: Int64, clients: Int
    ) async throws -> (Double, Double, Int, Int) {
        let log = DeliveryLog()
        let cursor = StreamCursor.records.encode(sequence)
        let connections = max(1, min(10, subscribers))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in 0..<connections {
                let streams = subscribers / connections + (connection < subscribers % connections ? 1 : 0)
                group.addTask {
                    try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: subscriber) { client in
                        let sharing = Sharing_SharingService.Client(wrapping: client)
                        try await withThrowingTaskGroup(of: Void.self) { streamsGroup in
                            for _ in 0..<streams {
                                streamsGroup.addTask {
                                    try await sharing.subscribe(.with {
                                        $0.context = .with {
                                            $0.purpose = .riskAssessment
                                            $0.legalBasis = .statutoryDuty
                                        }
                                        $0.cursor = cursor
                                    }) { response in
                                        for try await event in response.messages {
                                            let now = ContinuousClock.now
                                            guard let name = event.record.fields.fields["student_name"]?.stringValue,
                                                  let start = log.sent.withLock({ $0[name] }) else { continue }
                                            log.latencies.withLock { $0.append(start.duration(to: now)) }
                                        }
                                    }
                                }
                            }
                            try await streamsGroup.waitForAll()
                        }
                    }
                }
            }
            try await Task.sleep(for: .seconds(2))  // let every subscription open
            let interval = Duration.seconds(Double(clients) / rate)
            _ = try await Measure.throughput(workers: clients, duration: duration) { worker, until in
                try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: publisher) { client in
                    let sharing = Sharing_SharingService.Client(wrapping: client)
                    var done = 0
                    var next = ContinuousClock.now
                    while ContinuousClock.now < until {
                        let name = "latency-\(worker)-\(done)"
                        log.sent.withLock { $0[name] = ContinuousClock.now }
                        _ = try await sharing.publish(try record(name, n: done, name: name))
                        log.published.withLock { $0 += 1 }
                        done += 1
                        next += interval
                        if next > .now { try await Task.sleep(until: next) }
                    }
                    return done
                }
            }
            try await Task.sleep(for: .seconds(3))  // let the last events arrive
            group.cancelAll()
            let samples = log.latencies.withLock { $0 }
            return (Measure.percentile(samples, 50), Measure.percentile(samples, 99), samples.count,
                    log.published.withLock { $0 } * subscribers)
        }
    }

    static func waitUntilServing(port: Int, credentials: ClientCredentials) async throws {
        for _ in 0..<150 {
            let status = try? await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials) {
                try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init()).status
            }
            if status == .serving { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the server did not become SERVING")
    }

    static func port(of transport: HTTP2ServerTransport.Posix) async throws -> Int {
        let address = try await transport.listeningAddress
        guard let port = address.ipv4?.port else { throw ValidationError("the echo peer is not on IPv4") }
        return port
    }
}

/// Prints a line at once (stdout may be a pipe).
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Valid national ID numbers for generated records.
enum NationalIDs {
    static func make(_ n: Int) -> String {
        CoordinationCore.NationalID.withCheckCharacter("11010520070101" + String(format: "%03d", n % 1000))
    }
}

/// What the delivery phase shares between its publishers and subscribers.
final class DeliveryLog: Sendable {
    let sent = Mutex<[String: ContinuousClock.Instant]>([:])
    let latencies = Mutex<[Duration]>([])
    let published = Mutex<Int>(0)
}

/// A plain gRPC server as a lifecycle service.
struct PlainServer: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }
}
