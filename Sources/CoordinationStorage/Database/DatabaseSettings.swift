import NIOSSL
import PostgresNIO

/// How to reach PostgreSQL as one role.
public struct DatabaseSettings: Sendable, Hashable {
    /// Whether and how the connection uses TLS.
    public enum TLSMode: Sendable, Hashable {
        /// Plain TCP; only for a cluster on the loopback interface.
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS required, the server certificate verified against `caFile` (or the system roots).
        case require(caFile: String?)
    }

    public var host: String
    public var port: Int
    public var database: String
    public var username: String
    public var password: String?
    public var tls: TLSMode

    public init(host: String, port: Int, database: String, username: String, password: String?, tls: TLSMode) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.tls = tls
    }

    /// The same server and database as another role.
    public func with(username: String, password: String?) -> DatabaseSettings {
        var copy = self
        copy.username = username
        copy.password = password
        return copy
    }

    /// The postgres-nio client configuration.
    public func clientConfiguration() throws -> PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS
        switch tls {
        case .disable:
            tlsConfiguration = .disable
        case .prefer:
            tlsConfiguration = .prefer(.makeClientConfiguration())
        case .require(let caFile):
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caFile {
                configuration.trustRoots = .file(caFile)
            }
            tlsConfiguration = .require(configuration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: tlsConfiguration)
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 16
        return configuration
    }
}
