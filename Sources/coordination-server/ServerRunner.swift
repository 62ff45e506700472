import BuiltInPlugins
import CoordinationServer
import Logging
import ServiceLifecycle

/// Starts the server's service group and runs it until SIGTERM or SIGINT.
enum ServerRunner {
    static func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "coordination")
        logger.logLevel = level
        return logger
    }

    /// Runs `before` (services that must outlive the server, e.g. the embedded cluster) and the
    /// server. `portFlag` names the setting that changes the port, for a port that is taken.
    static func run(configuration: ServerConfiguration, before: [any Service], portFlag: String) async throws {
        try ListenAddress.ensureAvailable(host: configuration.listenHost, port: configuration.listenPort, flag: portFlag)
        let logger = logger(level: configuration.logLevel)
        let server = try CoordinationServer(configuration: configuration, catalog: try BuiltInPlugins.catalog(), logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: (before + server.services).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Streams end and calls drain at once on SIGTERM; should anything hang, the process
        // still stops (acknowledged writes are committed before they are acknowledged).
        configuration.maximumGracefulShutdownDuration = .seconds(30)
        configuration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        try await group.run()
    }
}
