import Logging
import PostgresNIO
import ServiceLifecycle

/// Hears every channel's notifications on one connection of its own, outside the pool that
/// serves calls, and passes each to its channel's ``DatabaseWakeups``; after an outage it
/// listens again, and every channel's subscribers re-read what was written meanwhile.
public struct DatabaseListener: Service {
    private let client: PostgresClient
    private let channels: [DatabaseWakeups]
    private let logger: Logger

    /// Listens with a client of one connection made from `configuration`, for `channels`.
    public init(configuration: PostgresClient.Configuration, channels: [DatabaseWakeups], logger: Logger) {
        var configuration = configuration
        configuration.options.maximumConnections = 1
        configuration.options.minimumConnections = 0
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.channels = channels
        self.logger = logger
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await client.run() }
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
                try await client.withConnection { connection in
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
