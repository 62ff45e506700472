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

    /// Runs `before` (services that must outlive the server, e.g. the embedded cluster) and the server.
    static func run(configuration: ServerConfiguration, before: [any Service]) async throws {
        let logger = logger(level: configuration.logLevel)
        let server = try CoordinationServer(configuration: configuration, catalog: try BuiltInPlugins.catalog(), logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: (before + server.services).map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info("listening", metadata: ["host": "\(configuration.listenHost)", "port": "\(configuration.listenPort)"])
        try await group.run()
    }
}
