import CoordinationServer
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import PostgresNIO
import Testing

/// Versioned migrations on a real database, and the runtime role they set up.
@Suite("Migrations")
struct MigrationTests {
    @Test("migrating an empty database applies every migration; again applies none")
    func migrateTwice() async throws {
        let databases = try await TestCluster.shared.freshDatabase(migrated: false)
        let (first, second, versions) = try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            let database = Database(client: client, logger: TestLog.logger)
            let migrator = try Migrator(database: database, runtimeRole: "coord_app", logger: TestLog.logger)
            let first = try await migrator.migrate()
            let second = try await migrator.migrate()
            return (first, second, try await Migrator.appliedVersions(in: database))
        }
        #expect(first == CoreMigrations.all.map(\.version))
        #expect(second == [])
        #expect(versions == CoreMigrations.all.map(\.version))
    }

    @Test("concurrent migrators apply each migration once")
    func concurrentMigrators() async throws {
        let databases = try await TestCluster.shared.freshDatabase(migrated: false)
        let applied = try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            let migrator = try Migrator(
                database: Database(client: client, logger: TestLog.logger), runtimeRole: "coord_app", logger: TestLog.logger)
            return try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<3 { group.addTask { try await migrator.migrate() } }
                var all: [Int] = []
                for try await versions in group { all += versions }
                return all
            }
        }
        #expect(applied.sorted() == CoreMigrations.all.map(\.version))
    }

    @Test("the runtime role can use the tables but is neither superuser nor owner, and cannot alter them")
    func runtimeRole() async throws {
        let databases = try await TestCluster.shared.freshDatabase(migrated: false)
        _ = try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            try await Migrator(database: Database(client: client, logger: TestLog.logger), runtimeRole: "coord_app", logger: TestLog.logger).migrate()
        }
        try await EmbeddedPostgres.withClient(databases.runtime, logger: TestLog.logger) { client in
            let rows = try await client.query(
                """
                SELECT r.rolsuper, (SELECT count(*) FROM pg_tables WHERE schemaname = 'coord' AND tableowner = current_user)
                FROM pg_roles r WHERE r.rolname = current_user
                """)
            for try await (isSuperuser, owned) in rows.decode((Bool, Int64).self) {
                #expect(!isSuperuser)
                #expect(owned == 0)
            }
            try await client.query("INSERT INTO coord.jurisdiction (code, name_zh, name_en, level) VALUES ('x1', 'x', 'x', 3)")
            await #expect(throws: PSQLError.self) {
                try await client.query("ALTER TABLE coord.jurisdiction ADD COLUMN sneaky text")
            }
            await #expect(throws: PSQLError.self) {
                try await client.query("INSERT INTO coord.schema_migration (version, name) VALUES (999, 'forged')")
            }
        }
    }

    @Test("the server refuses to serve as a role that owns the tables")
    func serverRefusesOwnerRole() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase(migrated: false)
        _ = try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            try await Migrator(
                database: Database(client: client, logger: TestLog.logger), runtimeRole: "coord_app", logger: TestLog.logger
            ).migrate()
        }
        for migrator in [databases.owner, nil] {
            let error = await #expect(throws: (any Error).self) {
                let (_, group) = try TestServer.make(
                    TestServer.configuration(pki: pki, database: databases.owner, migrator: migrator))
                try await group.run()
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("neither superuser nor owner"))
        }
    }
}
