import ArgumentParser
import Configuration
import CoordinationServer
import Logging
import ServiceLifecycle
import SystemPackage

/// Runs the server from a configuration file, `COORD_*` environment variables and flags
/// (flags win over the environment, which wins over the file).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server against a configured PostgreSQL (see ops/CONFIGURATION.md).")

    @Option(help: "JSON configuration file.")
    var config: String?

    @Option(help: "Address to listen on (listen.host).")
    var listenHost: String?

    @Option(help: "Port to listen on, 0 for any free port (listen.port).")
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

    func run() async throws {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: String, _ value: String?) {
            if let value { flags[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(.string(value), isSecret: false) }
        }
        set("listen.host", listenHost)
        set("listen.port", listenPort.map(String.init))
        set("tls.certificate", tlsCertificate)
        set("tls.key", tlsKey)
        set("tls.client-ca", tlsClientCa)
        set("database.host", databaseHost)
        set("database.port", databasePort.map(String.init))
        set("log.level", logLevel)

        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags),
            EnvironmentVariablesProvider(secretsSpecifier: .dynamic { key, _ in key.contains("PASSWORD") })
                .prefixKeys(with: "coord"),
        ]
        if let config {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(config)))
        }
        let configuration = try ServerConfiguration(reader: ConfigReader(providers: providers))
        try await ServerRunner.run(configuration: configuration, before: [])
    }
}
