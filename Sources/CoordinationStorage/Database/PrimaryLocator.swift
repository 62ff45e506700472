import CoordinationCore
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Which of the configured database hosts is the primary — the one that takes writes
/// (`pg_is_in_recovery()` false) — for a primary and its streaming standbys.
///
/// It asks the current primary every `interval` on a connection of its own; when that host
/// does not answer, or answers that it is a standby now, it asks every host in turn and the
/// first writable one becomes the primary: after a standby is promoted, calls go to it without
/// a restart. Every role's ``DatabasePool`` follows it.
public final class PrimaryLocator: Service, Sendable {
    public let endpoints: [DatabaseSettings.Endpoint]
    private let probes: [Database]
    private let clients: [PostgresClient]
    private let current = Atomic<Int>(0)
    private let interval: Duration
    private let logger: Logger

    /// Probes the hosts of `settings` as its role, once every `interval`.
    public init(settings: DatabaseSettings, interval: Duration = .seconds(1), logger: Logger) throws {
        endpoints = settings.endpoints
        clients = try endpoints.map { endpoint in
            var configuration = try settings.on(endpoint).clientConfiguration()
            configuration.options.maximumConnections = 1
            configuration.options.minimumConnections = 0
            configuration.options.connectTimeout = .seconds(1)
            return PostgresClient(configuration: configuration, backgroundLogger: logger)
        }
        probes = clients.map { Database(client: $0, operationTimeout: .seconds(1), logger: logger) }
        self.interval = interval
        self.logger = logger
    }

    /// The index in ``endpoints`` of the host now taken for the primary.
    public var primary: Int { current.load(ordering: .relaxed) }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for client in clients { group.addTask { await client.run() } }
            try? await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await self.locate()
                    try await Task.sleep(for: self.interval)
                }
            }
            group.cancelAll()
        }
    }

    /// Keeps the current primary while it is writable; otherwise takes the first writable host.
    func locate() async {
        let now = primary
        if await isWritable(now) { return }
        for index in endpoints.indices where index != now {
            if await isWritable(index) {
                current.store(index, ordering: .relaxed)
                logger.warning("database primary moved", metadata: [
                    "from": "\(endpoints[now])", "to": "\(endpoints[index])",
                ])
                return
            }
        }
    }

    private func isWritable(_ index: Int) async -> Bool {
        let writable = try? await probes[index].withConnection { connection in
            try await connection.query("SELECT NOT pg_is_in_recovery()", logger: self.logger).collect().first?.decode(Bool.self)
        }
        return writable == true
    }
}
