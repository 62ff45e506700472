import ArgumentParser
import CoordinationServer
import Logging
import ServiceLifecycle
import Foundation

/// Runs the server from a configuration file, `COORD_*` environment variables and flags
/// (flags win over the environment, which wins over the file).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server against a configured PostgreSQL (see ops/CONFIGURATION.md).")

    @Option(help: "JSON configuration file.")
    var config: String?

    @Option(help: "Address to listen on (listen.host).")
    var listenHost: String?

    @Option(name: [.customLong("listen-port"), .customLong("port")], help: "Port to listen on, 0 for any free port (listen.port).")
    var listenPort: Int?

    @Option(help: "PEM server certificate (tls.certificate).")
    var tlsCertificate: String?

    @Option(help: "PEM server private key (tls.key).")
    var tlsKey: String?

    @Option(help: "PEM CA certificate that signs client certificates (tls.client-ca).")
    var tlsClientCa: String?

    @Option(help: "PostgreSQL host (database.host).")
    var databaseHost: String?

    @Option(help: "PostgreSQL port (database.port).")
    var databasePort: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error (log.level).")
    var logLevel: String?

    @Option(help: "Log format: text, or json for one object per line (log.format).")
    var logFormat: String?

    @Option(help: "Port of the Prometheus endpoint, plain HTTP on metrics.host (metrics.port; default 9464, 0 for any free port).")
    var metricsPort: Int?

    func run() async throws {
        let flags: [String: String?] = [
            "listen.host": listenHost,
            "listen.port": listenPort.map(String.init),
            "tls.certificate": tlsCertificate,
            "tls.key": tlsKey,
            "tls.client-ca": tlsClientCa,
            "database.host": databaseHost,
            "database.port": databasePort.map(String.init),
            "log.level": logLevel,
            "log.format": logFormat,
            "metrics.port": metricsPort.map(String.init),
        ]
        let configuration = try await ServerConfiguration.load(
            flags: flags.compactMapValues { $0 }, environment: ProcessInfo.processInfo.environment, file: config)
        try await ServerRunner.run(configuration: configuration, before: [], portFlag: "--port (listen.port)")
    }
}
