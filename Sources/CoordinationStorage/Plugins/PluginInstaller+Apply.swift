import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

extension PluginInstaller {
    /// Brings the plugin's schema, installation, indicators and view grants to `manifest`:
    /// runs the migrations not applied yet, defines the indicators not defined yet, and
    /// replaces the grants of its record types. Audited as `action`, naming the package's
    /// `signer` when it came from one.
    static func bringUpToDate(
        _ manifest: PluginManifest, _ installation: PluginInstallation?, indicators: [Indicator], action: String,
        signer: String? = nil, by caller: Caller, at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> PluginChangeOutcome {
        var outcome = PluginChangeOutcome()
        try await PluginSchema.prepare(manifest, on: connection, logger: logger)
        try await connection.query(
            """
            INSERT INTO coord.plugin_installation (plugin_id, version, enabled, changed_at, changed_by, installed_at)
            VALUES (\(manifest.id), \(manifest.version), true, \(date), \(caller.name), \(date))
            ON CONFLICT (plugin_id) DO UPDATE
            SET version = EXCLUDED.version, enabled = true, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by
            """, logger: logger)
        for migration in PluginLifecycle.pendingMigrations(of: manifest, installation) {
            do {
                try await PluginSchema.apply(migration, of: manifest, on: connection, logger: logger)
            } catch let error as PSQLError {
                let reason = error.serverInfo?[.message] ?? "SQLSTATE \(error.serverInfo?[.sqlState] ?? "?")"
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: "plugin '\(manifest.id)' migration \(migration.version) (\(migration.name)) failed: \(reason); nothing was installed",
                    cause: error)
            }
            try await connection.query(
                """
                INSERT INTO coord.plugin_migration (plugin_id, version, name, applied_at)
                VALUES (\(manifest.id), \(migration.version), \(migration.name), \(date))
                """, logger: logger)
            outcome.migrationsApplied.append(migration.version)
        }
        for indicator in indicators where try await !exists(indicator: indicator.code, on: connection, logger: logger) {
            try await IndicatorStore.define(indicator, by: caller, at: date, on: connection, logger: logger)
            outcome.indicatorsDefined.append(indicator.code)
        }
        try await ViewGrantTable.replace(
            recordTypes: manifest.recordTypes.map(\.messageName), with: Disclosure.grantRows(manifest.recordTypes),
            on: connection, logger: logger)
        let from = installation.map { " from \($0.version)" } ?? ""
        try await AuditLog.append(
            AuditEvent(
                caller: caller, action: action,
                detail: "\(manifest.id) \(manifest.version)\(from); migrations applied: "
                    + (outcome.migrationsApplied.isEmpty ? "none" : outcome.migrationsApplied.map(String.init).joined(separator: ", "))
                    + "; indicators defined: "
                    + (outcome.indicatorsDefined.isEmpty ? "none" : outcome.indicatorsDefined.joined(separator: ", "))
                    + (signer.map { "; package signed by \($0)" } ?? ""),
                at: date),
            on: connection, logger: logger)
        outcome.installation = PluginInstallation(
            pluginID: manifest.id, version: manifest.version, enabled: true, changedAt: date, changedBy: caller.name,
            appliedMigrations: (installation?.appliedMigrations ?? []).union(outcome.migrationsApplied))
        return outcome
    }

    private static func exists(indicator code: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("SELECT 1 FROM coord.indicator WHERE code = \(code)", logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
