import Logging
import PostgresNIO

/// Wakes subscribers when any server instance writes, through PostgreSQL LISTEN/NOTIFY on one
/// channel (``records``, ``notices``, ``meetings``, ``alerts``, ``standing``), heard by the
/// ``DatabaseListener``.
///
/// Every subscriber also re-reads after a fallback interval, so a lost notification delays
/// delivery but never loses an event.
public actor DatabaseWakeups {
    /// Publishers notify this channel in the publishing transaction (delivered at commit).
    public static let records = "coord_records"
    /// Posted notices (``NoticeOutbox``).
    public static let notices = "coord_notices"
    /// Changes to a meeting; the payload is the meeting's id.
    public static let meetings = "coord_meetings"
    /// Raised and acknowledged crisis alerts; the payload is the alert's id.
    public static let alerts = "coord_alerts"
    /// Revocations and departments' registration or disablement, notified by the database's
    /// triggers (``CertificateStandings``).
    public static let standing = "coord_standing"

    /// The channel this instance listens on.
    public nonisolated let channel: String
    /// Reads the high-water mark on ``records``.
    private let pool: DatabasePool
    private let logger: Logger
    private var subscribers: [Int: AsyncStream<Void>.Continuation] = [:]
    /// On ``records``: the highest sequence known committed, from the notifications' payloads
    /// and a read when listening starts; `nil` while not listening, when nothing can be skipped.
    public private(set) var committed: Int64?
    /// The highest sequence any notification named.
    private var heardUpTo: Int64 = 0
    private var nextID = 0
    private var isShutDown = false

    public init(pool: DatabasePool, channel: String, logger: Logger) {
        self.pool = pool
        self.channel = channel
        self.logger = logger
    }

    /// A stream that yields whenever something may have been written, and ends at shutdown.
    public func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        if isShutDown {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    /// Ends every subscription (the server is shutting down; clients resume elsewhere).
    public func shutDown() {
        isShutDown = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    /// Wakes every subscriber.
    public func wakeAll() {
        for continuation in subscribers.values { continuation.yield() }
    }

    private func remove(_ id: Int) { subscribers[id] = nil }

    /// Whether a reader that has looked at everything up to `sequence` may have something new.
    public func mayHaveNews(after sequence: Int64) -> Bool {
        guard let committed else { return true }
        return committed > sequence
    }

    /// A notification on the channel, with its payload.
    func heard(_ payload: String?) {
        if channel == Self.records, let payload, let sequence = Int64(payload) {
            heardUpTo = max(heardUpTo, sequence)
            committed = committed.map { max($0, sequence) }
        }
        wakeAll()
    }

    /// Notifications are heard again (or for the first time): whatever was written meanwhile
    /// may be new.
    func listening() async {
        // What was heard while the mark was read counts too.
        committed = (try? await highWater()).flatMap { $0 }.map { max($0, heardUpTo) }
        wakeAll()
    }

    /// Notifications are not heard: nothing may be skipped until they are again.
    func interrupted() {
        committed = nil
        wakeAll()
    }

    /// On ``records``, the committed high-water mark read now that notifications are heard.
    private nonisolated func highWater() async throws -> Int64? {
        guard channel == Self.records else { return nil }
        for try await sequence in try await pool.client.query("SELECT coord.record_high_water()", logger: logger).decode(Int64.self) {
            return sequence
        }
        return nil
    }
}
