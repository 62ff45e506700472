import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import EducationPlugin
import GRPCCore
import PluginAPI
import PostgresNIO

/// A built-in plugin's manifest with another version and other migrations: what a newer (or
/// broken) build of the plugin would bring.
struct VariantPlugin: DepartmentPlugin {
    let manifest: PluginManifest

    /// The education plugin at `version` with exactly `migrations`.
    static func education(version: String, migrations: [PluginMigration]) -> VariantPlugin {
        var manifest = EducationPlugin().manifest
        manifest.version = version
        manifest.migrations = migrations
        return VariantPlugin(manifest: manifest)
    }

    /// A catalog of just this plugin.
    var catalog: PluginRegistry { get throws { try PluginRegistry([self]) } }
}

/// Migrations the lifecycle tests install.
enum LifecycleMigrations {
    /// Records, in the plugin's own table, the record types its `records` view shows.
    static let first = PluginMigration(version: 1, name: "record types seen", statements: [
        "CREATE TABLE seen_types (record_type text PRIMARY KEY)",
        "INSERT INTO seen_types SELECT DISTINCT record_type FROM records",
    ])
    static let second = PluginMigration(version: 2, name: "school summary", statements: [
        "CREATE VIEW school_summary AS SELECT fields->>'school_code' AS school, count(*) AS screenings FROM records GROUP BY 1",
    ])
}

extension TestServer {
    /// The first column of `sql`'s rows as text, run as the superuser.
    func column(_ sql: String) async throws -> [String] {
        try await EmbeddedPostgres.withClient(superuser, logger: TestLog.logger) { client in
            var values: [String] = []
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String?.self) {
                values.append(value ?? "NULL")
            }
            return values
        }
    }

    /// The state of plugin `id` as listed by the server.
    func pluginState(_ id: String) async throws -> Plugins_PluginState? {
        try await plugins(try pki.admin) { try await $0.listPlugins(.init()).plugins.first { $0.id == id }?.state }
    }

    /// The `grpc.health.v1` status of `service`; `nil` when the server does not know it.
    func health(_ service: String) async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus? {
        try await withClient(try pki.admin) { client in
            do {
                return try await Grpc_Health_V1_Health.Client(wrapping: client).check(.with { $0.service = service }).status
            } catch let error as RPCError where error.code == .notFound {
                return nil
            }
        }
    }
}
