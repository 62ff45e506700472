import ArgumentParser
import BuiltInPlugins
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: tr("Apply the database migrations as the schema owner (safe to run again)."),
        discussion: tr("Also writes the plugins' view grants that row-level security enforces."))

    @OptionGroup var database: DatabaseOptions
    @Option(help: .tr("Role the server runs as; it is granted data access.")) var runtimeRole: String = "coord_app"

    func run() async throws {
        var logger = Logger(label: "coordination.migrate")
        logger.logLevel = .info
        let (settings, devRuntime) = try await database.settings(logger: logger)
        let runtime = devRuntime ?? runtimeRole
        let applied = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
            let migrator = try Migrator(database: Database(client: client, logger: logger), runtimeRole: runtime, logger: logger)
            let applied = try await migrator.migrate()
            try await migrator.syncViewGrants(catalog: try BuiltInPlugins.catalog())
            return applied
        }
        print(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}
