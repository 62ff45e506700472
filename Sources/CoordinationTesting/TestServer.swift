import BuiltInPlugins
import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationServer
import CoordinationStorage
import GRPCCore
import GRPCNIOTransportHTTP2
import ServiceLifecycle

/// A real server, with real mutual TLS, on a fresh database of the shared test cluster,
/// listening on a free port of 127.0.0.1.
///
/// Start one with ``with(catalog:configure:waitUntilServing:on:sharing:_:)``; inside, call it
/// as a department system (``system(_:)``), a person (``person(_:of:)``) or any certificate
/// of ``pki`` (``withClient(_:_:)``).
public struct TestServer: Sendable {
    /// The port the server listens on, on 127.0.0.1 (clients connect to `localhost`).
    public let port: Int
    /// The certificate authority the server trusts, with its server and client certificates.
    public let pki: TestPKI
    /// The server's database as the runtime role the server serves as.
    public let runtime: DatabaseSettings
    /// The server's database as the schema owner (migrations, plugin installs, seeding).
    public let owner: DatabaseSettings
    /// The server's database as the cluster's superuser.
    public let superuser: DatabaseSettings
    /// The running server's service group.
    public let group: ServiceGroup
    /// The port of the Prometheus endpoint, when the configuration set `metricsPort`.
    public let metricsPort: Int?

    /// Starts a server, waits until it is SERVING, runs `body`, then shuts the server down.
    ///
    /// - Parameters:
    ///   - catalog: the plugins the server is built with (none is installed until
    ///     ``installPlugins(_:)`` or ``seedDirectory(installingPlugins:)``); the built-in
    ///     plugins when `nil`.
    ///   - configure: changes to the configuration before the server starts.
    ///   - waitUntilServing: whether to wait for the whole server to report SERVING.
    ///   - databases: the databases to serve on (e.g. of a dedicated cluster) instead of a
    ///     fresh database of the shared test cluster.
    ///   - shared: the certificates and databases of a server already running, for a second
    ///     instance beside it.
    ///   - body: what to do with the running server.
    public static func with<Result: Sendable>(
        catalog: PluginRegistry? = nil,
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        waitUntilServing: Bool = true,
        on databases: TestDatabases? = nil,
        sharing shared: (pki: TestPKI, databases: TestDatabases)? = nil,
        _ body: @Sendable (TestServer) async throws -> Result
    ) async throws -> Result {
        // A second instance on a shared database runs inside the first one's slot.
        guard shared != nil else {
            return try await ServerSlots.shared.withSlot {
                try await run(
                    catalog: catalog, configure: configure, waitUntilServing: waitUntilServing, databases: databases,
                    sharing: nil, body)
            }
        }
        return try await run(
            catalog: catalog, configure: configure, waitUntilServing: waitUntilServing, databases: nil, sharing: shared, body)
    }

    private static func run<Result: Sendable>(
        catalog: PluginRegistry?,
        configure: @Sendable (inout ServerConfiguration) -> Void,
        waitUntilServing: Bool,
        databases given: TestDatabases?,
        sharing shared: (pki: TestPKI, databases: TestDatabases)?,
        _ body: @Sendable (TestServer) async throws -> Result
    ) async throws -> Result {
        let pki = try shared?.pki ?? TestPKI()
        defer { if shared == nil { pki.remove() } }
        let databases: TestDatabases
        if let given = shared?.databases ?? given {
            databases = given
        } else {
            databases = try await TestCluster.shared.freshDatabase()
        }
        var configuration = Self.configuration(pki: pki, database: databases.runtime, migrator: databases.owner)
        configure(&configuration)
        let (server, group) = try Self.make(configuration, catalog: catalog)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            let handle = TestServer(
                port: try await server.listeningPort(), pki: pki, runtime: databases.runtime, owner: databases.owner,
                superuser: databases.superuser, group: group, metricsPort: try await server.metricsPort())
            if waitUntilServing { try await handle.waitUntilServing() }
            let result = try await body(handle)
            await group.triggerGracefulShutdown()
            try await tasks.next()
            return result
        }
    }

    /// A configuration for port 0 on 127.0.0.1 with `pki`'s certificates, serving on
    /// `database` and migrating with `migrator` (none when `nil`). The database timeout is 15 s,
    /// three times the product's default, because the whole suite shares two cores with its
    /// PostgreSQL; tests of outages set a shorter one.
    public static func configuration(pki: TestPKI, database: DatabaseSettings, migrator: DatabaseSettings?) -> ServerConfiguration {
        var configuration = ServerConfiguration(
            listenHost: "127.0.0.1", listenPort: 0, certificatePath: pki.serverCertificate, keyPath: pki.serverKey,
            clientCAPath: pki.caPath, database: database, migrator: migrator, databaseTimeout: .seconds(15),
            pseudonymKey: pseudonymKey)
        configuration.auditCheckpointKey = auditCheckpointKey
        return configuration
    }

    /// The server and its service group (not running yet), with the built-in plugins unless
    /// `catalog` says otherwise.
    public static func make(_ configuration: ServerConfiguration, catalog: PluginRegistry? = nil) throws -> (CoordinationServer, ServiceGroup) {
        let server = try CoordinationServer(
            configuration: configuration, catalog: try catalog ?? BuiltInPlugins.catalog(), logger: TestLog.logger)
        let group = ServiceGroup(configuration: .init(
            services: server.services.map { .init(service: $0) }, logger: TestLog.logger))
        return (server, group)
    }

    /// The pseudonym secret of every test server.
    public static let pseudonymKey = String(repeating: "5a", count: 32)

    /// The seed of the key that signs every test server's audit checkpoints.
    public static let auditCheckpointKey = String(repeating: "3c", count: 32)

    /// Runs `body` with a client presenting `credentials`.
    public func withClient<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials, body)
    }

    /// Polls health until the whole server reports SERVING (at most 20 s).
    public func waitUntilServing() async throws {
        let admin = try pki.admin
        for _ in 0..<100 {
            let status = try? await withClient(admin) {
                try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init(), options: .quick).status
            }
            if status == .serving { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("the server did not report SERVING")
    }
}
