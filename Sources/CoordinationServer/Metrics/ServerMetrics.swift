import CoordinationStorage
import GRPCCore
import Foundation
import Prometheus
import Synchronization

/// The instance's metrics, in one Prometheus registry of its own: calls by RPC and status,
/// call latency by RPC, open streams by RPC; the connection pool and the ledger writer through
/// ``factory`` (swift-metrics); and, read when scraped (at most every ten seconds), the
/// deployment's deadline backlog and audit chain (``OperationsSnapshot``).
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// The swift-metrics factory writing into this registry, for the storage layer's metrics.
    let factory: PrometheusMetricsFactory
    private let streams: OpenStreams
    /// The RPCs that have had streams open: their gauge reads 0 once none are.
    private let streamingRPCs = Mutex<Set<String>>([])
    private let operations: PeriodicCopy<OperationsSnapshot>
    private let readOperations: @Sendable () async throws -> OperationsSnapshot

    /// Latency buckets, from a millisecond to ten seconds.
    static let latencyBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000].map { .milliseconds($0) }
    /// Buckets for waiting on a connection, from a tenth of a millisecond to five seconds.
    static let waitBuckets: [Duration] = [100, 500, 1000, 5000, 25_000, 100_000, 500_000, 1_000_000, 5_000_000].map { .microseconds($0) }

    /// - Parameter operations: reads the deployment's snapshot.
    init(streams: OpenStreams, operations: @escaping @Sendable () async throws -> OperationsSnapshot) {
        self.streams = streams
        readOperations = operations
        self.operations = PeriodicCopy()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets
        factory.durationHistogramBuckets = ["coord_db_connection_wait_seconds": Self.waitBuckets]
        factory.valueHistogramBuckets = [
            "coord_ledger_commit_requests": LedgerMetrics.batchBuckets, "coord_ledger_commit_rows": LedgerMetrics.batchBuckets,
        ]
        self.factory = factory
    }

    /// The status name a call ended with: `ok`, or e.g. `permissionDenied`.
    static func code(of error: (any Error)?) -> String {
        guard let error else { return "ok" }
        if let status = error as? RPCError { return "\(status.code)" }
        if let convertible = error as? any RPCErrorConvertible { return "\(convertible.rpcErrorCode)" }
        return "unknown"
    }

    /// Counts a call of `rpc` that ended with `code` after `duration`.
    func recordCall(rpc: String, code: String, duration: Duration) {
        registry.makeCounter(
            name: "coord_rpc_calls_total", labels: [("rpc", rpc), ("code", code)], help: "Calls answered, by RPC and status"
        ).increment()
        registry.makeDurationHistogram(
            name: "coord_rpc_duration_seconds", labels: [("rpc", rpc)], buckets: Self.latencyBuckets,
            help: "Time from a call's arrival to its last message, by RPC"
        ).record(duration)
    }

    /// The Prometheus text exposition, open streams and the operations snapshot brought up to date first.
    func exposition() async -> [UInt8] {
        let open = streams.byMethod
        let rpcs = streamingRPCs.withLock { $0.formUnion(open.keys); return $0 }
        for rpc in rpcs {
            registry.makeGauge(name: "coord_open_streams", labels: [("rpc", rpc)], help: "Server streams open, by RPC")
                .set(Double(open[rpc] ?? 0))
        }
        await updateOperations()
        return registry.emitToBuffer()
    }

    private func updateOperations() async {
        let now = Date()
        guard let snapshot = await operations.value(reading: readOperations) else { return }
        let gauges: [(String, String, Double)] = [
            ("coord_overdue_tasks", "Tasks still open past their due date (all instances)", Double(snapshot.overdueTasks)),
            ("coord_overdue_referrals", "Referrals still pending past their acceptance deadline", Double(snapshot.overdueReferrals)),
            ("coord_unacknowledged_alert_targets", "Alert targets not acknowledged past their deadline", Double(snapshot.unacknowledgedAlertTargets)),
            ("coord_audit_chain_length", "Entries in the audit chain", Double(snapshot.auditChainLength)),
        ]
        for (name, help, value) in gauges {
            registry.makeGauge(name: name, help: help).set(value)
        }
        if let checkpoint = snapshot.lastCheckpointAt {
            registry.makeGauge(name: "coord_audit_checkpoint_age_seconds", help: "Seconds since the audit chain's head was last signed")
                .set(max(0, now.timeIntervalSince(checkpoint)))
        }
    }
}
