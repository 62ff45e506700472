import CoreMetrics

/// What the ledger writer commits, as metrics: requests per commit
/// (`coord_ledger_commit_requests`), records and audit entries per commit
/// (`coord_ledger_commit_rows`), the time a commit takes (`coord_ledger_commit_seconds`), and
/// the requests waiting for their turn (`coord_ledger_requests_queued`).
public struct LedgerMetrics: Sendable {
    /// Upper bounds for the per-commit histograms, from one request to a full group.
    public static let batchBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

    private let requests: Recorder
    private let rows: Recorder
    private let duration: Timer
    private let queued: Meter

    public init(factory: any MetricsFactory) {
        requests = Recorder(label: "coord_ledger_commit_requests", factory: factory)
        rows = Recorder(label: "coord_ledger_commit_rows", factory: factory)
        duration = Timer(label: "coord_ledger_commit_seconds", factory: factory)
        queued = Meter(label: "coord_ledger_requests_queued", factory: factory)
    }

    /// A group of `requests` weighing `rows` was committed in `duration`.
    func committed(requests: Int, rows: Int, in duration: Duration) {
        self.requests.record(requests)
        self.rows.record(rows)
        self.duration.record(duration)
    }

    /// `count` requests wait to be written.
    func queue(_ count: Int) {
        queued.set(count)
    }
}
