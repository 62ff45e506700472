import ArgumentParser
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging

/// How commands that talk to PostgreSQL directly (migrate, audit verify) reach it.
struct DatabaseOptions: ParsableArguments {
    @Option(help: .tr("PostgreSQL host.")) var host: String = "127.0.0.1"
    @Option(help: .tr("PostgreSQL port.")) var port: Int = 5432
    @Option(help: .tr("Database name.")) var database: String = "coordination"
    @Option(help: .tr("Role to connect as (password from $COORD_DATABASE_PASSWORD).")) var user: String = "coord_owner"
    @Option(help: .tr("TLS to PostgreSQL: disable, prefer or require.")) var tls: String = "prefer"
    @Option(help: .tr("CA file to verify PostgreSQL's certificate with --tls require.")) var caFile: String?
    @Option(help: .tr("Use the embedded cluster in this folder (e.g. var), as its schema owner.")) var devDataDir: String?
    @Option(help: .tr("Port of the embedded cluster.")) var devPostgresPort: Int = 54329
    @OptionGroup var time: TimeOptions

    /// The settings, and the runtime role's name (for grants).
    func settings(logger: Logger) async throws -> (settings: DatabaseSettings, runtimeRole: String?) {
        if let devDataDir {
            let postgres = DevEnvironment(root: devDataDir, postgresPort: devPostgresPort, logger: logger).postgres
            let credentials = try await postgres.start()
            return (postgres.ownerSettings(credentials), credentials.runtimeUser)
        }
        let mode: DatabaseSettings.TLSMode
        switch tls {
        case "disable": mode = .disable
        case "prefer": mode = .prefer
        case "require": mode = .require(caFile: caFile)
        default: throw ValidationError(tr("--tls must be disable, prefer or require"))
        }
        return (DatabaseSettings(
            host: host, port: port, database: database, username: user,
            password: ProcessInfo.processInfo.environment["COORD_DATABASE_PASSWORD"], tls: mode), nil)
    }

    /// The settings of a superuser (for backup and restore): with --dev-data-dir the embedded
    /// cluster's, otherwise as given (--user names a superuser).
    func superuserSettings(logger: Logger) async throws -> DatabaseSettings {
        guard let devDataDir else { return try await settings(logger: logger).settings }
        let postgres = DevEnvironment(root: devDataDir, postgresPort: devPostgresPort, logger: logger).postgres
        return postgres.superuserSettings(try await postgres.start())
    }

    /// With --dev-data-dir: the public half of the embedded environment's audit checkpoint key.
    func devCheckpointKey(logger: Logger) throws -> AuditCheckpointPublicKey? {
        guard let devDataDir else { return nil }
        let path = (devDataDir as NSString).appendingPathComponent("audit-checkpoint.key")
        guard let hex = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try AuditCheckpointKey(hex: hex).publicKey
    }
}
