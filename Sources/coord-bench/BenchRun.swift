import ArgumentParser
import Foundation
import Logging

/// One run: every phase in order, each figure beside its peers'.
struct BenchRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark (the default).",
        discussion: """
            Starts a private PostgreSQL cluster, the release server binary and a bare mTLS echo peer, \
            each in its own process; the clients run here. Throughput phases find the maximum with \
            calls kept in flight, then sweep fixed rates (open loop: latency counts from each call's \
            intended send time). CPU is reported per process, in percent of one core.
            """)

    /// The phases, in the order they run.
    enum Phase: String, CaseIterable, ExpressibleByArgument {
        case query, echo, unary, batch, pgbench, delivery, idle, backup, verify
    }

    @Option(help: "Seconds per measured phase.") var seconds: Int = 5
    @Option(help: "Client connections for the throughput phases (and pgbench clients).") var connections: Int = 8
    @Option(help: "Calls kept in flight on each connection when finding a maximum.") var inFlight: Int = 8
    @Option(help: "Record subscribers in the delivery phase.") var subscribers: Int = 100
    @Option(help: "Records per batch for batched publishing.") var batchSize: Int = 500
    @Option(help: "Open idle subscriptions in the idle phase.") var idleSubscriptions: Int = 10_000
    @Option(help: "Records stored for the large query and audit verification (the small one is at 10,000).")
    var records: Int = 1_000_000
    @Option(help: "Fractions of the unary maximum to sweep, open loop.") var sweep: String = "0.25,0.5,0.75"
    @Option(help: "Subscriber counts to sweep at half the unary maximum (besides --subscribers).")
    var subscriberSweep: String = "10,300"
    @Option(parsing: .upToNextOption, help: "Phases to run (default: all): \(Phase.allCases.map(\.rawValue).joined(separator: ", ")).")
    var phases: [Phase] = Phase.allCases
    @Option(help: "Folder for the cluster, certificates and logs (default: a fresh temporary folder, removed after).")
    var dataDir: String?
    @Flag(help: "Print one JSON object with every figure on standard output (progress goes to standard error).")
    var json = false

    func run() async throws {
        var logger = Logger(label: "coordination.bench")
        logger.logLevel = .error
        let root = dataDir ?? NSTemporaryDirectory() + "coord-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        let report = Report(json: json)
        let deployment = try await Deployment.start(root: root, logger: logger)
        let measured: Result<Void, Error>
        do {
            try await BenchPhases(options: self, deployment: deployment, report: report).run()
            measured = .success(())
        } catch {
            measured = .failure(error)
        }
        try deployment.stop()
        if dataDir == nil { try? FileManager.default.removeItem(atPath: root) }
        try measured.get()
        try report.finish()
    }

    /// The sweep's fractions.
    var sweepFractions: [Double] { sweep.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    /// The subscriber counts of the delivery sweep.
    var subscriberCounts: [Int] { subscriberSweep.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
}
