import Foundation
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

    /// One host, or several separated by commas, each with an optional `:port` (`db1,db2:5433`):
    /// a primary and its standbys, of which the server uses the writable one.
    public var host: String
    /// The port of every host that names none.
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

    /// A host of ``host``.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The hosts named by ``host``, in order, each with its port.
    public var endpoints: [Endpoint] {
        host.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { entry in
            // host:port, or a bare host (an IPv6 address in brackets: [::1]:5432).
            if let colon = entry.lastIndex(of: ":"), let port = Int(entry[entry.index(after: colon)...]),
               !entry[..<colon].contains(":") || entry.hasPrefix("[") {
                return Endpoint(host: String(entry[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
            }
            return Endpoint(host: entry.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
        }
    }

    /// The same role and database on one of the hosts.
    public func on(_ endpoint: Endpoint) -> DatabaseSettings {
        var copy = self
        copy.host = endpoint.host
        copy.port = endpoint.port
        return copy
    }

    /// The postgres-nio client configuration (of the first host when there are several).
    public func clientConfiguration() throws -> PostgresClient.Configuration {
        if let first = endpoints.first, endpoints.count > 1 || first.host != host { return try on(first).clientConfiguration() }
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
