import CoordinationAPI
import CoordinationClient
import Foundation
import Synchronization

/// The measuring itself: each phase in its own file, figures into the report.
final class BenchPhases {
    let options: BenchRun
    let deployment: Deployment
    let report: Report
    /// The highest record sequence any publish has answered with.
    let marks = SequenceMark()
    /// Measured maxima later phases derive their load from.
    var echoMax: Double?
    var unaryMax: Double?
    var batchMax: Double?

    init(options: BenchRun, deployment: Deployment, report: Report) {
        self.options = options
        self.deployment = deployment
        self.report = report
    }

    var duration: Duration { .seconds(options.seconds) }

    func runs(_ phase: BenchRun.Phase) -> Bool { options.phases.contains(phase) }

    func run() async throws {
        report.say("coord-bench: \(options.connections) connections × \(options.inFlight) calls in flight, "
                   + "\(options.seconds) s per phase; server, PostgreSQL, echo peer and clients share "
                   + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        report.record("cores", ProcessInfo.processInfo.activeProcessorCount)
        if runs(.query) {
            try await fill(to: 10_000)
            try await measureQueries(label: "1e4")
        }
        if runs(.verify) {
            try await fill(to: 10_000)
            try await fillAudit(to: 10_000)
            try await measureVerification(label: "1e4")
        }
        if runs(.echo) { try await measureEcho() }
        if runs(.unary) { try await measureUnary() }
        if runs(.batch) { try await measureBatch() }
        if runs(.pgbench) { try await measurePgbench() }
        if runs(.delivery) { try await measureDelivery() }
        if runs(.idle) { try await measureIdle() }
        if runs(.backup) {
            try await fill(to: 100_000)
            try await fillAudit(to: 100_000)
            try await measureBackup(label: "1e5")
        }
        if runs(.query) || runs(.verify) { try await fill(to: options.records) }
        if runs(.query) { try await measureQueries(label: "1e6") }
        if runs(.verify) {
            try await fillAudit(to: options.records)
            try await measureVerification(label: "1e6")
        }
    }

    /// A CPU window over the measured processes.
    func cpuWindow() -> CPUWindow { CPUWindow(deployment.meters) }

    /// Says the first failures of a load, if any.
    func sayFailures(_ outcome: Load.Outcome, in phase: String) {
        guard let first = outcome.failures.first else { return }
        report.say("  \(phase): \(outcome.failures.count) calls failed; first: \(first)")
    }
}

/// The highest record sequence any publish has answered with, shared by the calls of a phase.
final class SequenceMark: Sendable {
    private let state = Mutex<Int64>(0)

    /// Remembers `sequence` if it is the highest yet.
    func saw(_ sequence: Int64) { state.withLock { $0 = max($0, sequence) } }

    var highest: Int64 { state.withLock { $0 } }
}
