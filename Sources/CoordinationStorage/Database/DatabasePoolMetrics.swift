import CoreMetrics
import PostgresNIO

/// How one connection pool is used, as metrics (`pool` names it, e.g. `runtime`):
/// `coord_db_connections_in_use`, `coord_db_operations_waiting`, `coord_db_connection_wait_seconds`
/// (the time from asking for a connection to getting one) and `coord_db_connections_max`.
public struct DatabasePoolMetrics: Sendable {
    private let inUse: Meter
    private let waiting: Meter
    private let wait: Timer

    public init(pool: String, maximumConnections: Int, factory: any MetricsFactory) {
        let dimensions = [("pool", pool)]
        inUse = Meter(label: "coord_db_connections_in_use", dimensions: dimensions, factory: factory)
        waiting = Meter(label: "coord_db_operations_waiting", dimensions: dimensions, factory: factory)
        wait = Timer(label: "coord_db_connection_wait_seconds", dimensions: dimensions, factory: factory)
        Meter(label: "coord_db_connections_max", dimensions: dimensions, factory: factory).set(maximumConnections)
    }

    /// Runs `body` on a connection leased from `client`, counting the wait and the lease.
    func leasing<Result>(
        from client: PostgresClient, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let asked = ContinuousClock.now
        waiting.increment()
        var leased = false
        defer { if !leased { waiting.decrement() } }
        return try await client.withConnection { connection in
            leased = true
            waiting.decrement()
            wait.record(asked.duration(to: .now))
            inUse.increment()
            defer { inUse.decrement() }
            return try await body(connection)
        }
    }
}

extension Timer {
    /// Records `duration` (swift-metrics counts in nanoseconds).
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
