import Logging
import PostgresNIO
import ServiceLifecycle

/// One role's connection pools: one per configured database host, of which the one that
/// ``PrimaryLocator`` takes for the primary serves; with one host, that host's pool. Run every
/// pool (``services``) for as long as the server runs: a pool not in use holds no connection.
public final class DatabasePool: Sendable {
    /// One pool per host, in the order of the settings' hosts.
    public let clients: [PostgresClient]
    private let locator: PrimaryLocator?

    /// Pools for every host of `settings`, following `locator` (when there are several hosts);
    /// `configure` adjusts each pool's configuration (its size).
    public init(
        settings: DatabaseSettings, locator: PrimaryLocator?, logger: Logger,
        configure: (inout PostgresClient.Configuration) -> Void = { _ in }
    ) throws {
        clients = try settings.endpoints.map { endpoint in
            var configuration = try settings.on(endpoint).clientConfiguration()
            configure(&configuration)
            return PostgresClient(configuration: configuration, backgroundLogger: logger)
        }
        self.locator = clients.count > 1 ? locator : nil
    }

    /// A pool of one client.
    public init(client: PostgresClient) {
        clients = [client]
        locator = nil
    }

    /// The pool of the current primary.
    public var client: PostgresClient {
        guard let locator else { return clients[0] }
        return clients[min(locator.primary, clients.count - 1)]
    }

    /// The pools, to run as services.
    public var services: [any Service] { clients }
}
