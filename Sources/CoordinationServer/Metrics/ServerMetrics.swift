import Prometheus
import Synchronization

/// The instance's metrics, in one Prometheus registry of its own: calls by RPC and status,
/// call latency by RPC, and open streams by RPC (read when scraped).
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let streams: OpenStreams
    /// The RPCs that have had streams open: their gauge reads 0 once none are.
    private let streamingRPCs = Mutex<Set<String>>([])

    /// Latency buckets, from a millisecond to ten seconds.
    static let latencyBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000].map { .milliseconds($0) }

    init(streams: OpenStreams) {
        self.streams = streams
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

    /// The Prometheus text exposition, open streams brought up to date first.
    func exposition() -> [UInt8] {
        let open = streams.byMethod
        let rpcs = streamingRPCs.withLock { $0.formUnion(open.keys); return $0 }
        for rpc in rpcs {
            registry.makeGauge(name: "coord_open_streams", labels: [("rpc", rpc)], help: "Server streams open, by RPC")
                .set(Double(open[rpc] ?? 0))
        }
        return registry.emitToBuffer()
    }
}
