import Logging
import PostgresNIO
import ServiceLifecycle

/// Hears every channel's notifications on one connection of its own, outside the pool that
/// serves calls, and passes each to its channel's ``DatabaseWakeups``; after an outage it
/// listens again — on the new primary after a failover —, and every channel's subscribers
/// re-read what was written meanwhile.
public struct DatabaseListener: Service {
    private let pool: DatabasePool
    private let channels: [DatabaseWakeups]
    private let logger: Logger

    /// Listens on a connection of `pool` (one connection per host, the primary's used), for `channels`.
    public init(pool: DatabasePool, channels: [DatabaseWakeups], logger: Logger) {
        self.pool = pool
        self.channels = channels
        self.logger = logger
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for client in pool.clients { group.addTask { await client.run() } }
            do {
                try await cancelWhenGracefulShutdown { try await listen() }
            } catch {}
            group.cancelAll()
        }
        for channel in channels { await channel.shutDown() }
    }

    private func listen() async throws {
        while !Task.isCancelled {
            do {
                try await pool.client.withConnection { connection in
                    try await withThrowingDiscardingTaskGroup { group in
                        for channel in channels {
                            group.addTask {
                                try await connection.listen(on: channel.channel) { notifications in
                                    await channel.listening()
                                    for try await notification in notifications { await channel.heard(notification.payload) }
                                }
                            }
                        }
                    }
                }
            } catch is CancellationError {
                break
            } catch {
                for channel in channels { await channel.interrupted() }
                logger.warning("notifications interrupted; retrying", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
