import ArgumentParser
import CoordinationServer
import BuiltInPlugins
import DevEnvironment
import Foundation
import Logging

/// The embedded default: one command from a fresh clone to a running server.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the embedded default: private PostgreSQL, development CA, seeded directory.",
        discussion: """
            Creates (or reuses) a PostgreSQL cluster in <data-dir>/postgres, a development CA and \
            certificates in <data-dir>/pki (server, admin, coordinator, officer-education and \
            system-<department> for every department), migrates, seeds the departments and a \
            county tree, and serves on localhost. Ctrl-C stops the server and the cluster; \
            running it again reuses everything.
            """)

    @Option(help: "Folder for the cluster and the certificates.")
    var dataDir: String = "var"

    @Option(help: "Port the server listens on; 0 picks a free one (the log says which).")
    var port: Int = 8443

    @Option(help: "Port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one.")
    var postgresPort: Int = 54329

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    @Option(help: "Log format: text, or json for one object per line.")
    var logFormat: ServerConfiguration.LogFormat = .text

    @Option(help: "Port of the Prometheus endpoint on 127.0.0.1 (GET /metrics); 0 picks a free one.")
    var metricsPort: Int = 9464

    @Option(help: "Milliseconds a database operation may take before its call fails UNAVAILABLE (database.timeout-ms).")
    var databaseTimeoutMs: Int = 5000

    @Option(help: "A plugin folder to pack with the development publisher key and install (repeatable; needs protoc). Missing folders are skipped.")
    var pluginPackage: [String] = ["Plugins/Health"]

    func validate() throws {
        guard databaseTimeoutMs > 0 else { throw ValidationError("--database-timeout-ms must be positive") }
    }

    func run() async throws {
        let logger = ServerRunner.logger(level: Logger.Level(rawValue: logLevel) ?? .info, format: logFormat)
        try ListenAddress.ensureAvailable(host: "127.0.0.1", port: port, flag: "--port")
        let environment = DevEnvironment(root: dataDir, postgresPort: postgresPort, logger: logger)
        let prepared = try await environment.prepare(installing: try BuiltInPlugins.catalog(), packages: pluginPackage)
        var configuration = ServerConfiguration(
            listenHost: "127.0.0.1", listenPort: port,
            certificatePath: prepared.serverCertificate, keyPath: prepared.serverKey,
            clientCAPath: prepared.caCertificate, database: prepared.runtime, migrator: prepared.owner,
            databaseTimeout: .milliseconds(databaseTimeoutMs), logLevel: Logger.Level(rawValue: logLevel) ?? .info,
            pseudonymKey: prepared.pseudonymKey)
        configuration.auditCheckpointKey = prepared.auditCheckpointKey
        configuration.logFormat = logFormat
        configuration.metricsPort = metricsPort
        logger.info("development certificates", metadata: ["dir": "\(environment.pkiDirectory)"])
        try await ServerRunner.run(
            configuration: configuration, before: [EmbeddedPostgresService(postgres: environment.postgres)], portFlag: "--port")
    }
}

extension ServerConfiguration.LogFormat: ExpressibleByArgument {}
