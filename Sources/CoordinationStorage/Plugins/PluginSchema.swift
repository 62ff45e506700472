import CoordinationCore
import PluginAPI
import PostgresNIO

/// A plugin's own corner of the database: a role that owns the schema `plugin_<id>`, a
/// read-only `records` view there of the plugin's own record types, and its migrations run
/// as that role. The role holds no other privilege, so a migration that reaches the core
/// tables or another plugin's schema fails.
///
/// Runs as the schema owner, which needs CREATEROLE to create plugin roles.
enum PluginSchema {
    /// Creates the role and schema if missing and (re)defines the `records` view for `manifest`.
    static func prepare(_ manifest: PluginManifest, on connection: PostgresConnection, logger: Logger) async throws {
        let role = PluginLifecycle.role(of: manifest.id)
        let schema = PluginLifecycle.schema(of: manifest.id)
        // Roles are shared by the cluster's databases: another may have created it already.
        try await run(
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN
                    BEGIN CREATE ROLE \(role) NOLOGIN;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                END IF;
                IF NOT pg_has_role(current_user, '\(role)', 'MEMBER') THEN
                    GRANT \(role) TO CURRENT_USER;
                END IF;
            END $$
            """, on: connection, logger: logger)
        try await run("CREATE SCHEMA IF NOT EXISTS \(schema) AUTHORIZATION \(role)", on: connection, logger: logger)
        let types = manifest.recordTypes.map { "'" + $0.messageName.replacingOccurrences(of: "'", with: "''") + "'" }
        // A security barrier: the plugin's own functions in a query never see other rows.
        try await run(
            """
            CREATE OR REPLACE VIEW \(schema).records WITH (security_barrier) AS
            SELECT id, seq, record_type, publisher_department, jurisdiction_code, subject_pseudonym, risk_level,
                   fields, published_at
            FROM coord.record WHERE record_type IN (\(types.isEmpty ? "NULL" : types.joined(separator: ", ")))
            """, on: connection, logger: logger)
        try await run("GRANT SELECT ON \(schema).records TO \(role)", on: connection, logger: logger)
    }

    /// Runs `migration` as the plugin's role with its schema as the search path. The
    /// statements run inside a SECURITY DEFINER function owned by that role, where PostgreSQL
    /// refuses `SET ROLE` / `RESET ROLE`: a migration cannot take back the owner's privileges.
    static func apply(
        _ migration: PluginMigration, of manifest: PluginManifest, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let role = PluginLifecycle.role(of: manifest.id)
        let schema = PluginLifecycle.schema(of: manifest.id)
        try await run(
            """
            CREATE OR REPLACE FUNCTION \(schema).coord_apply_migration(statements text[]) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = \(schema) AS $fn$
            DECLARE statement text;
            BEGIN
                FOREACH statement IN ARRAY statements LOOP EXECUTE statement; END LOOP;
            END $fn$
            """, on: connection, logger: logger)
        try await run("ALTER FUNCTION \(schema).coord_apply_migration(text[]) OWNER TO \(role)", on: connection, logger: logger)
        try await run("REVOKE ALL ON FUNCTION \(schema).coord_apply_migration(text[]) FROM PUBLIC", on: connection, logger: logger)
        // Reading the result surfaces the statements' own error rather than a later one's.
        let result = try await connection.query(
            "SELECT \(unescaped: schema).coord_apply_migration(\(migration.statements))", logger: logger)
        for try await _ in result {}
        try await run("DROP FUNCTION \(schema).coord_apply_migration(text[])", on: connection, logger: logger)
    }

    /// Drops the plugin's schema with everything in it, and every privilege of its role here.
    static func drop(_ manifest: PluginManifest, on connection: PostgresConnection, logger: Logger) async throws {
        let role = PluginLifecycle.role(of: manifest.id)
        try await run("DROP SCHEMA IF EXISTS \(PluginLifecycle.schema(of: manifest.id)) CASCADE", on: connection, logger: logger)
        let exists = try await connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(role)", logger: logger)
        for try await _ in exists {
            try await run("DROP OWNED BY \(role)", on: connection, logger: logger)
        }
    }

    /// `sql` is built from plugin identifiers the registry has checked and literals escaped above.
    private static func run(_ sql: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
