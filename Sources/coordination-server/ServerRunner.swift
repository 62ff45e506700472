import BuiltInPlugins
import CoordinationServer
import Logging
import ServiceLifecycle

/// Starts the server's service group and runs it until SIGTERM or SIGINT.
enum ServerRunner {
    /// The server's logger: every line names the call it was written for (request id, RPC,
    /// caller department), as text or as one JSON object per line.
    static func logger(level: Logger.Level, format: ServerConfiguration.LogFormat) -> Logger {
        let provider = RequestLogContext.metadataProvider
        var logger = Logger(label: "coordination") { label -> any LogHandler in
            switch format {
            case .text: StreamLogHandler.standardOutput(label: label, metadataProvider: provider)
            case .json: JSONLogHandler(label: label, metadataProvider: provider)
            }
        }
        logger.logLevel = level
        return logger
    }

    /// Runs `before` (services that must outlive the server, e.g. the embedded cluster) and the
    /// server. `portFlag` names the setting that changes the port, for a port that is taken.
    static func run(configuration: ServerConfiguration, before: [any Service], portFlag: String) async throws {
        try ListenAddress.ensureAvailable(host: configuration.listenHost, port: configuration.listenPort, flag: portFlag)
        if let metricsPort = configuration.metricsPort {
            try ListenAddress.ensureAvailable(host: configuration.metricsHost, port: metricsPort, flag: "--metrics-port (metrics.port)")
        }
        let logger = logger(level: configuration.logLevel, format: configuration.logFormat)
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
