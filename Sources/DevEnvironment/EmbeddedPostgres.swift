import CoordinationPKI
import CoordinationStorage
import Foundation
import Logging
import PostgresNIO

/// A private PostgreSQL cluster in a folder of the project, for the embedded default and tests.
///
/// The folder holds `data/` (the cluster, owned by an unprivileged user when run as root) and
/// `credentials.json` (mode 0600): the passwords of the superuser, the schema owner and the
/// runtime role. Starting it again reuses all of it.
public struct EmbeddedPostgres: Sendable {
    /// The roles and database the cluster was set up with.
    public struct Credentials: Codable, Sendable, Hashable {
        public var port: Int
        public var database: String
        public var superuser: String
        public var superuserPassword: String
        public var owner: String
        public var ownerPassword: String
        public var runtimeUser: String
        public var runtimePassword: String
    }

    /// The cluster's folder.
    public let directory: String
    /// The TCP port on 127.0.0.1; `0` picks a free one when the cluster starts (the
    /// credentials ``start()`` returns name it).
    public let port: Int
    let runner = CommandRunner()
    let logger: Logger

    public init(directory: String, port: Int, logger: Logger = Logger(label: "coordination.embedded-postgres")) {
        self.directory = (directory as NSString).standardizingPath
        self.port = port
        self.logger = logger
    }

    var dataDirectory: String { (directory as NSString).appendingPathComponent("data") }
    var credentialsFile: String { (directory as NSString).appendingPathComponent("credentials.json") }
    var logFile: String { (dataDirectory as NSString).appendingPathComponent("server.log") }

    /// Creates the cluster if needed, starts it if it is not running, and makes sure the
    /// roles and the database exist. Returns how to connect.
    public func start() async throws -> Credentials {
        let binaries = try Self.binaryDirectory()
        var credentials = try loadOrCreateCredentials()
        if !FileManager.default.fileExists(atPath: (dataDirectory as NSString).appendingPathComponent("PG_VERSION")) {
            try initialise(binaries: binaries, credentials: credentials)
        }
        if try isRunning() {
            credentials.port = try runningPort()
        } else {
            credentials.port = try startServer(binaries: binaries)
        }
        try await bootstrapRoles(credentials)
        return credentials
    }

    /// Starts the postmaster on ``port``; with port 0, on a free port, trying another if one is
    /// taken between choosing and binding it. Returns the port.
    func startServer(binaries: String) throws -> Int {
        let candidates = port == 0 ? try (0..<5).map { _ in try LocalPort.free() } : [port]
        for (attempt, candidate) in candidates.enumerated() {
            logger.info("starting PostgreSQL", metadata: ["data": "\(dataDirectory)", "port": "\(candidate)"])
            let logBefore = (try? FileManager.default.attributesOfItem(atPath: logFile)[.size] as? Int) ?? 0
            let result = try runner.run(
                "\(binaries)/pg_ctl",
                ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", "-p \(candidate)", "start"], check: false)
            if result.status == 0 { return candidate }
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)).map { String($0.utf8.dropFirst(logBefore)) ?? $0 } ?? ""
            guard log.contains("Address already in use") else {
                throw EmbeddedPostgresError("pg_ctl could not start PostgreSQL (exit \(result.status)): \(result.output)\n\(log.suffix(2000))")
            }
            if port != 0 {
                throw EmbeddedPostgresError("PostgreSQL cannot listen on 127.0.0.1:\(port): the port is in use; choose another with --postgres-port")
            }
            logger.info("port taken; trying another", metadata: ["port": "\(candidate)", "attempt": "\(attempt + 1)"])
        }
        throw EmbeddedPostgresError("PostgreSQL found no free port on 127.0.0.1 in \(candidates.count) tries")
    }

    /// The port of the running postmaster (line 4 of `postmaster.pid`).
    private func runningPort() throws -> Int {
        let pidFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        let lines = try String(contentsOfFile: pidFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 3, let running = Int(lines[3].trimmingCharacters(in: .whitespaces)) else {
            throw EmbeddedPostgresError("cannot read the port of the running cluster from \(pidFile)")
        }
        return running
    }

    /// The process id of the running postmaster (line 1 of `postmaster.pid`).
    public func postmasterID() throws -> pid_t {
        let pidFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        guard let line = try String(contentsOfFile: pidFile, encoding: .utf8).split(separator: "\n").first,
              let pid = pid_t(line.trimmingCharacters(in: .whitespaces))
        else { throw EmbeddedPostgresError("cannot read the postmaster's process id from \(pidFile)") }
        return pid
    }

    /// How to connect to the cluster while it runs (started by this process or another).
    public func runningCredentials() throws -> Credentials {
        guard let data = FileManager.default.contents(atPath: credentialsFile) else {
            throw EmbeddedPostgresError("no cluster credentials at \(credentialsFile)")
        }
        var credentials = try JSONDecoder().decode(Credentials.self, from: data)
        credentials.port = try runningPort()
        return credentials
    }

    /// Stops the cluster (fast shutdown: sessions end, committed data is kept).
    public func stop() throws {
        guard try isRunning() else { return }
        let binaries = try Self.binaryDirectory()
        logger.info("stopping PostgreSQL", metadata: ["data": "\(dataDirectory)"])
        try runner.run("\(binaries)/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"])
    }

    /// Whether the cluster's postmaster is running.
    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: (dataDirectory as NSString).appendingPathComponent("PG_VERSION"))
        else { return false }
        let binaries = try Self.binaryDirectory()
        return try runner.run("\(binaries)/pg_ctl", ["-D", dataDirectory, "status"], check: false).status == 0
    }

    /// Turns on TLS with the given server certificate and key (PEM), taking effect at once.
    /// Clients can then connect with ``DatabaseSettings/TLSMode/require(caFile:)``.
    public func enableTLS(certificatePEM: String, keyPEM: String, credentials: Credentials) async throws {
        let certificate = (dataDirectory as NSString).appendingPathComponent("server.crt")
        let key = (dataDirectory as NSString).appendingPathComponent("server.key")
        try SecureFile.write(certificatePEM, to: certificate)
        try SecureFile.write(keyPEM, to: key)
        try runner.handOver(certificate)
        try runner.handOver(key)
        var settings = superuserSettings(credentials)
        settings.database = "postgres"
        try await Self.withClient(settings, logger: logger) { client in
            try await client.query("ALTER SYSTEM SET ssl_cert_file = 'server.crt'")
            try await client.query("ALTER SYSTEM SET ssl_key_file = 'server.key'")
            try await client.query("ALTER SYSTEM SET ssl = on")
            try await client.query("SELECT pg_reload_conf()")
        }
    }

    /// Runs pgbench against the cluster: `clients` connections over `threads` threads, each
    /// transaction one INSERT into a scratch table of the `bench` database, for `seconds`.
    /// Returns transactions per second. The reference peer of the project's benchmark.
    public func pgbenchInsertTPS(credentials: Credentials, clients: Int, threads: Int, seconds: Int) async throws -> Double {
        var admin = superuserSettings(credentials)
        admin.database = "postgres"
        try await Self.withClient(admin, logger: logger) { client in
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = 'bench'")
            var exists = false
            for try await _ in rows { exists = true }
            if !exists { try await client.query("CREATE DATABASE bench") }
        }
        admin.database = "bench"
        try await Self.withClient(admin, logger: logger) { client in
            try await client.query("DROP TABLE IF EXISTS bench_insert")
            try await client.query("CREATE TABLE bench_insert (id bigserial PRIMARY KEY, v integer NOT NULL, at timestamptz DEFAULT now())")
        }
        let script = NSTemporaryDirectory() + "coord-pgbench-\(UUID().uuidString).sql"
        try "INSERT INTO bench_insert (v) VALUES (1);\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: script)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let connection = "host=127.0.0.1 port=\(credentials.port) dbname=bench user=\(credentials.superuser) password=\(credentials.superuserPassword)"
        let output = try runner.run("\(try Self.binaryDirectory())/pgbench", [
            "-n", "-f", script, "-c", "\(clients)", "-j", "\(threads)", "-T", "\(seconds)", connection,
        ]).output
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let tps = Double(line.dropFirst("tps = ".count).split(separator: " ").first ?? "")
        else { throw EmbeddedPostgresError("pgbench printed no tps: \(output)") }
        return tps
    }

    /// Settings to connect as the runtime role.
    public func runtimeSettings(_ credentials: Credentials) -> DatabaseSettings {
        DatabaseSettings(
            host: "127.0.0.1", port: credentials.port, database: credentials.database,
            username: credentials.runtimeUser, password: credentials.runtimePassword, tls: .disable)
    }

    /// Settings to connect as the schema owner (migrations).
    public func ownerSettings(_ credentials: Credentials) -> DatabaseSettings {
        runtimeSettings(credentials).with(username: credentials.owner, password: credentials.ownerPassword)
    }

    /// Settings to connect as the superuser (tests and administration only).
    public func superuserSettings(_ credentials: Credentials) -> DatabaseSettings {
        runtimeSettings(credentials).with(username: credentials.superuser, password: credentials.superuserPassword)
    }

    /// The folder holding initdb, pg_ctl and postgres: `$COORD_POSTGRES_BIN`, or the newest
    /// `/usr/lib/postgresql/*/bin`.
    public static func binaryDirectory() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["COORD_POSTGRES_BIN"] { return configured }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let candidates = versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") })
        else {
            throw EmbeddedPostgresError(
                "no PostgreSQL server binaries under \(root); install them with 'apt-get install -y postgresql' or set COORD_POSTGRES_BIN")
        }
        return found
    }

    private func loadOrCreateCredentials() throws -> Credentials {
        if let data = FileManager.default.contents(atPath: credentialsFile) {
            return try JSONDecoder().decode(Credentials.self, from: data)
        }
        let credentials = Credentials(
            port: port, database: "coordination",
            superuser: "coord_superuser", superuserPassword: Self.randomSecret(),
            owner: "coord_owner", ownerPassword: Self.randomSecret(),
            runtimeUser: "coord_app", runtimePassword: Self.randomSecret())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SecureFile.write(String(decoding: try encoder.encode(credentials), as: UTF8.self), to: credentialsFile)
        return credentials
    }

    private func initialise(binaries: String, credentials: Credentials) throws {
        logger.info("creating PostgreSQL cluster", metadata: ["data": "\(dataDirectory)"])
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory)
        try runner.handOver(dataDirectory)
        if let user = runner.unprivilegedUser, try runner.run("/usr/bin/test", ["-w", dataDirectory], check: false).status != 0 {
            throw EmbeddedPostgresError(
                "PostgreSQL runs as '\(user)', who cannot reach \(dataDirectory): a parent folder is closed to other users; pick a data folder whose parents are world-searchable (chmod o+x) or run as a non-root user")
        }
        let passwordFile = NSTemporaryDirectory() + "coord-pw-\(UUID().uuidString)"
        try SecureFile.write(credentials.superuserPassword + "\n", to: passwordFile)
        defer { try? fileManager.removeItem(atPath: passwordFile) }
        try runner.handOver(passwordFile)
        try runner.run("\(binaries)/initdb", [
            "-D", dataDirectory, "-U", credentials.superuser, "--pwfile=\(passwordFile)",
            "--auth=scram-sha-256", "-E", "UTF8", "--no-locale",
        ])
        // Statement statistics (pg_stat_statements), where the server's contrib modules are installed.
        let contrib = ((binaries as NSString).deletingLastPathComponent as NSString).appendingPathComponent("lib/pg_stat_statements.so")
        let statistics = fileManager.fileExists(atPath: contrib) ? "shared_preload_libraries = 'pg_stat_statements'\n" : ""
        let settings = """

            # Written by the coordination server's embedded default.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = 200

            """ + statistics
        let configuration = (dataDirectory as NSString).appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: configuration))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
    }

    private func bootstrapRoles(_ credentials: Credentials) async throws {
        var postgresSettings = superuserSettings(credentials)
        postgresSettings.database = "postgres"
        try await Self.withClient(postgresSettings, logger: logger) { client in
            for (role, password) in [(credentials.owner, credentials.ownerPassword), (credentials.runtimeUser, credentials.runtimePassword)] {
                let rows = try await client.query("SELECT 1 FROM pg_roles WHERE rolname = \(role)")
                var exists = false
                for try await _ in rows { exists = true }
                if !exists {
                    // Role names are fixed identifiers; the password is a generated hex string.
                    try await client.query(PostgresQuery(
                        unsafeSQL: "CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '\(password)'"))
                }
            }
            // The schema owner creates one confined role per installed plugin.
            try await client.query(PostgresQuery(unsafeSQL: "ALTER ROLE \(credentials.owner) CREATEROLE"))
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(credentials.database)")
            var exists = false
            for try await _ in rows { exists = true }
            if !exists {
                try await client.query(PostgresQuery(
                    unsafeSQL: "CREATE DATABASE \(credentials.database) OWNER \(credentials.owner) ENCODING 'UTF8'"))
                try await client.query(PostgresQuery(
                    unsafeSQL: "REVOKE ALL ON DATABASE \(credentials.database) FROM PUBLIC"))
                try await client.query(PostgresQuery(
                    unsafeSQL: "GRANT CONNECT ON DATABASE \(credentials.database) TO \(credentials.runtimeUser)"))
            }
        }
    }

    /// Runs `body` with a short-lived client for `settings`.
    public static func withClient<Result: Sendable>(
        _ settings: DatabaseSettings, logger: Logger,
        _ body: @escaping @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static func randomSecret() -> String {
        (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
