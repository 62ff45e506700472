import ArgumentParser
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import InstalledPlugins
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations as the schema owner (safe to run again).",
        discussion: "With --dev-data-dir, migrates the embedded cluster of 'coordination-server dev'.")

    @Option(help: "PostgreSQL host.") var host: String = "127.0.0.1"
    @Option(help: "PostgreSQL port.") var port: Int = 5432
    @Option(help: "Database name.") var database: String = "coordination"
    @Option(help: "Schema owner role.") var user: String = "coord_owner"
    @Option(help: "TLS to PostgreSQL: disable, prefer or require.") var tls: String = "prefer"
    @Option(help: "CA file to verify PostgreSQL's certificate with --tls require.") var caFile: String?
    @Option(help: "Role the server runs as; it is granted data access.") var runtimeRole: String = "coord_app"
    @Option(help: "Use the embedded cluster in this folder (e.g. var).") var devDataDir: String?
    @Option(help: "Port of the embedded cluster.") var devPostgresPort: Int = 54329

    func run() async throws {
        var logger = Logger(label: "coordination.migrate")
        logger.logLevel = .info
        let settings: DatabaseSettings
        let runtime: String
        if let devDataDir {
            let postgres = DevEnvironment(root: devDataDir, postgresPort: devPostgresPort, logger: logger).postgres
            let credentials = try await postgres.start()
            settings = postgres.ownerSettings(credentials)
            runtime = credentials.runtimeUser
        } else {
            let mode: DatabaseSettings.TLSMode
            switch tls {
            case "disable": mode = .disable
            case "prefer": mode = .prefer
            case "require": mode = .require(caFile: caFile)
            default: throw ValidationError("--tls must be disable, prefer or require")
            }
            settings = DatabaseSettings(
                host: host, port: port, database: database, username: user,
                password: ProcessInfo.processInfo.environment["COORD_MIGRATOR_PASSWORD"], tls: mode)
            runtime = runtimeRole
        }
        let applied = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
            let migrator = try Migrator(database: Database(client: client, logger: logger), runtimeRole: runtime, logger: logger)
            let applied = try await migrator.migrate()
            try await migrator.syncViewGrants(RecordPolicy.grantRows(try InstalledPlugins.registry()))
            return applied
        }
        print(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}
