import CoordinationCore
import Logging
import PostgresNIO

/// Applies versioned migrations, each in its own transaction, and grants the runtime role
/// what it needs. Safe to run twice and from several instances at once (an advisory lock
/// serialises them).
///
/// Runs as the schema owner; the runtime role named by `runtimeRole` gets data access only,
/// so it is neither superuser nor owner and row-level security binds it.
public struct Migrator: Sendable {
    /// Key of the advisory lock that serialises migrators.
    static let lockKey: Int64 = 0x636F_6F72_645F_6D67  // "coord_mg"
    /// How long one migration step may take, waiting for another migrator included: a step
    /// that rewrites a large table takes far longer than an ordinary operation's timeout.
    static let stepTimeout: Duration = .seconds(600)

    let database: Database
    let runtimeRole: String
    let logger: Logger

    /// - Parameters:
    ///   - database: a connection as the schema owner.
    ///   - runtimeRole: the role the server serves requests as.
    public init(database: Database, runtimeRole: String, logger: Logger) throws(CoordinationError) {
        guard Self.isPlainIdentifier(runtimeRole) else {
            throw .invalidArgument(
                field: "database.user", "'\(runtimeRole)' must be a plain PostgreSQL role name ([a-z_][a-z0-9_]*)")
        }
        self.database = database
        self.runtimeRole = runtimeRole
        self.logger = logger
    }

    /// Applies every migration in `migrations` not applied yet; returns the versions applied now.
    @discardableResult
    public func migrate(_ migrations: [Migration] = CoreMigrations.all) async throws(CoordinationError) -> [Int] {
        try await database.transaction(timeout: Self.stepTimeout) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS coord", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS coord.schema_migration (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let didApply = try await database.transaction(timeout: Self.stepTimeout) { [logger] connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                let rows = try await connection.query(
                    "SELECT 1 FROM coord.schema_migration WHERE version = \(migration.version)", logger: logger)
                for try await _ in rows { return false }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO coord.schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        try await grantRuntimeAccess()
        return applied
    }

    /// Makes the database's grant table (read by row-level security) equal to what the
    /// enabled plugins of `catalog` declare.
    public func syncViewGrants(catalog: PluginRegistry) async throws(CoordinationError) {
        try await PluginInstaller(database: database).syncViewGrants(catalog: catalog)
    }

    /// Versions recorded as applied in `database` (readable by the runtime role too).
    public static func appliedVersions(in database: Database) async throws(CoordinationError) -> [Int] {
        try await database.withConnection { [logger = database.logger] connection in
            let exists = try await connection.query(
                "SELECT to_regclass('coord.schema_migration') IS NOT NULL", logger: logger)
            var present = false
            for try await (flag) in exists.decode(Bool.self) { present = flag }
            guard present else { return [] }
            var versions: [Int] = []
            let rows = try await connection.query(
                "SELECT version FROM coord.schema_migration ORDER BY version", logger: logger)
            for try await version in rows.decode(Int.self) { versions.append(version) }
            return versions
        }
    }

    private func grantRuntimeAccess() async throws(CoordinationError) {
        let role = runtimeRole
        try await database.transaction(timeout: Self.stepTimeout) { [logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            for statement in [
                "GRANT USAGE ON SCHEMA coord TO \(role)",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA coord TO \(role)",
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA coord TO \(role)",
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA coord TO \(role)",
            ] + CoreMigrations.runtimeRevocations.map({ $0.replacingOccurrences(of: "%@", with: role) }) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }

    /// Whether `name` can be interpolated as an SQL identifier without quoting.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.first, (1...63).contains(name.count), first == "_" || (first.isASCII && first.isLowercase)
        else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }
}
