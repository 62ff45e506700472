import CoordinationStorage
import DevEnvironment
import Foundation
import PostgresNIO

/// One private PostgreSQL cluster for the whole test process, stopped when the process exits.
/// Each test server gets a fresh database in it.
public actor TestCluster {
    /// The cluster of this test process, started on first use.
    public static let shared = TestCluster()

    private var starting: Task<(postgres: EmbeddedPostgres, credentials: EmbeddedPostgres.Credentials), any Error>?
    private var template: Task<String, any Error>?

    private init() {}

    /// Starts the cluster on first use; concurrent callers share the one start.
    public func credentials() async throws -> (postgres: EmbeddedPostgres, credentials: EmbeddedPostgres.Credentials) {
        if let starting { return try await starting.value }
        let task = Task {
            let directory = NSTemporaryDirectory() + "coord-tests-\(getpid())"
            let postgres = EmbeddedPostgres(directory: directory, port: 0, logger: TestLog.logger)
            TestClusterCleanup.register(postgres: postgres, directory: directory)
            return (postgres: postgres, credentials: try await postgres.start())
        }
        starting = task
        return try await task.value
    }

    /// Creates a database owned by the schema owner; returns its runtime, owner and superuser
    /// settings. `migrated`: a copy of a database migrated once per test process (a server
    /// starting on it finds its schema current); otherwise empty.
    public func freshDatabase(migrated: Bool = true) async throws -> TestDatabases {
        let (postgres, credentials) = try await self.credentials()
        let template = migrated ? try await migratedTemplate() : "template1"
        return try await createDatabase(from: template, postgres: postgres, credentials: credentials)
    }

    /// The name of the migrated template database, created on first use.
    private func migratedTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task {
            do {
                return try await self.makeMigratedTemplate()
            } catch {
                // Every test of the process fails with this one error: say what it was.
                TestLog.logger.error("the migrated template database could not be made", metadata: ["error": "\(String(reflecting: error))"])
                throw error
            }
        }
        template = task
        return try await task.value
    }

    private func makeMigratedTemplate() async throws -> String {
        let (postgres, credentials) = try await self.credentials()
        let databases = try await self.createDatabase(from: "template1", postgres: postgres, credentials: credentials)
        try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            let migrator = try Migrator(
                database: Database(client: client, operationTimeout: .seconds(120), logger: TestLog.logger),
                runtimeRole: credentials.runtimeUser, logger: TestLog.logger)
            _ = try await migrator.migrate()
        }
        // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template: close the
        // migrator's session if its pool has not yet, and let no one connect again.
        var admin = postgres.superuserSettings(credentials)
        admin.database = "postgres"
        let template = databases.owner.database
        try await EmbeddedPostgres.withClient(admin, logger: TestLog.logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(template) WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"))
            try await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(template)")
        }
        return template
    }

    private func createDatabase(
        from template: String, postgres: EmbeddedPostgres, credentials: EmbeddedPostgres.Credentials
    ) async throws -> TestDatabases {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        var admin = postgres.superuserSettings(credentials)
        admin.database = "postgres"
        try await EmbeddedPostgres.withClient(admin, logger: TestLog.logger) { client in
            do {
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template) OWNER \(credentials.owner)"))
            } catch {
                TestLog.logger.error("a test database could not be made", metadata: ["error": "\(String(reflecting: error))"])
                throw error
            }
            try await client.query(PostgresQuery(unsafeSQL: "REVOKE ALL ON DATABASE \(name) FROM PUBLIC"))
            try await client.query(PostgresQuery(unsafeSQL: "GRANT CONNECT ON DATABASE \(name) TO \(credentials.runtimeUser)"))
        }
        var runtime = postgres.runtimeSettings(credentials)
        runtime.database = String(name)
        var owner = postgres.ownerSettings(credentials)
        owner.database = String(name)
        var superuser = postgres.superuserSettings(credentials)
        superuser.database = String(name)
        return (runtime, owner, superuser)
    }
}

extension TestCluster {
    /// Runs `body` with a cluster of its own (stopped and removed afterwards), for tests that
    /// stop the database or change its settings. The cluster is on a free port and starts again
    /// on the same one.
    public static func withDedicatedCluster<Result: Sendable>(
        _ body: (EmbeddedPostgres, EmbeddedPostgres.Credentials) async throws -> Result
    ) async throws -> Result {
        let directory = NSTemporaryDirectory() + "coord-dedicated-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = try await EmbeddedPostgres(directory: directory, port: 0, logger: TestLog.logger).start()
        let postgres = EmbeddedPostgres(directory: directory, port: credentials.port, logger: TestLog.logger)
        defer { try? postgres.stop() }
        return try await body(postgres, credentials)
    }
}
