import Logging
import PostgresNIO
import ServiceLifecycle

/// Wakes stream subscribers when any server instance writes, through PostgreSQL
/// LISTEN/NOTIFY on one channel (``records``, ``notices``, ``meetings``).
///
/// As a `Service` it keeps one pooled connection listening, reconnecting after outages. Every
/// subscriber also re-reads after a fallback interval, so a lost notification delays delivery
/// but never loses an event.
public actor DatabaseWakeups: Service {
    /// Publishers notify this channel in the publishing transaction (delivered at commit).
    public static let records = "coord_records"
    /// Posted notices (``NoticeOutbox``).
    public static let notices = "coord_notices"
    /// Changes to a meeting; the payload is the meeting's id.
    public static let meetings = "coord_meetings"
    /// Raised and acknowledged crisis alerts; the payload is the alert's id.
    public static let alerts = "coord_alerts"

    /// The channel this instance listens on.
    public nonisolated let channel: String
    private let client: PostgresClient
    private let logger: Logger
    private var subscribers: [Int: AsyncStream<Void>.Continuation] = [:]
    private var nextID = 0
    private var isShutDown = false

    public init(client: PostgresClient, channel: String, logger: Logger) {
        self.client = client
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

    public nonisolated func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.client.withConnection { connection in
                        try await connection.listen(on: self.channel) { notifications in
                            await self.wakeAll()  // whatever was published while not listening
                            for try await _ in notifications { await self.wakeAll() }
                        }
                    }
                } catch is CancellationError {
                    break
                } catch {
                    self.logger.warning("notifications interrupted; retrying", metadata: ["channel": "\(self.channel)", "error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        await shutDown()
    }
}
