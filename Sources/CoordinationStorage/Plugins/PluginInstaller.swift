import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Installs, upgrades and uninstalls plugins as the schema owner. Each change is one
/// transaction: the plugin's migrations, its indicators, its view grants, the installation
/// row and the audit entry commit together or not at all; other instances are told at commit.
public struct PluginInstaller: Sendable {
    /// Key of the advisory lock that serialises plugin changes.
    static let lockKey: Int64 = 0x636F_6F72_645F_706C  // "coord_pl"
    /// Channel every instance listens on to reload its active plugins; the payload is the plugin id.
    public static let channel = "coord_plugins"

    let database: Database

    /// - Parameter database: a connection as the schema owner (with CREATEROLE).
    public init(database: Database) {
        self.database = database
    }

    /// Installs `manifest` (or re-enables it), the administrator having reviewed `reviewedVersion`.
    /// A plugin from a package is installed only when its signer is trusted in the same
    /// transaction; the package is stored for every instance and its signer audited.
    public func install(
        _ manifest: PluginManifest, reviewedVersion: String, package: SignedPackage? = nil, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> PluginChangeOutcome {
        let indicators = try Self.indicators(of: manifest)
        return try await change(manifest) { installation in
            try PluginLifecycle.checkInstall(manifest, installation, reviewedVersion: reviewedVersion)
        } body: { connection, installation, logger in
            try await Self.ensureDepartment(manifest, on: connection, logger: logger)
            let signer = try await Self.store(package, of: manifest, at: date, on: connection, logger: logger)
            return try await Self.bringUpToDate(
                manifest, installation, indicators: indicators, action: "plugin.install", signer: signer, by: caller,
                at: date, on: connection, logger: logger)
        }
    }

    /// Upgrades the installed `manifest` to the version built into the server, or to the
    /// version of `package`.
    public func upgrade(
        _ manifest: PluginManifest, reviewedVersion: String, package: SignedPackage? = nil, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> PluginChangeOutcome {
        let indicators = try Self.indicators(of: manifest)
        return try await change(manifest) { installation in
            try PluginLifecycle.checkUpgrade(manifest, installation, reviewedVersion: reviewedVersion)
        } body: { connection, installation, logger in
            let signer = try await Self.store(package, of: manifest, at: date, on: connection, logger: logger)
            return try await Self.bringUpToDate(
                manifest, installation, indicators: indicators, action: "plugin.upgrade", signer: signer, by: caller,
                at: date, on: connection, logger: logger)
        }
    }

    /// Disables `manifest`, keeping its data; with `purge` (confirmed by the plugin's id),
    /// deletes its records and schema and forgets the installation.
    public func uninstall(
        _ manifest: PluginManifest, purge: Bool, purgeConfirmation: String, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> PluginChangeOutcome {
        try await change(manifest) { installation in
            try PluginLifecycle.checkUninstall(manifest, installation, purge: purge, purgeConfirmation: purgeConfirmation)
        } body: { connection, installation, logger in
            let types = manifest.recordTypes.map(\.messageName)
            try await ViewGrantTable.replace(recordTypes: types, with: [], on: connection, logger: logger)
            var outcome = PluginChangeOutcome()
            if purge {
                outcome.recordsPurged = try await PluginRecordPurge.purge(recordTypes: types, on: connection, logger: logger)
                try await PluginSchema.drop(manifest, on: connection, logger: logger)
                try await connection.query(
                    "DELETE FROM coord.plugin_installation WHERE plugin_id = \(manifest.id)", logger: logger)
            } else {
                try await connection.query(
                    """
                    UPDATE coord.plugin_installation SET enabled = false, changed_at = \(date), changed_by = \(caller.name)
                    WHERE plugin_id = \(manifest.id)
                    """, logger: logger)
                outcome.installation = installation
                outcome.installation?.enabled = false
                outcome.installation?.changedAt = date
                outcome.installation?.changedBy = caller.name
            }
            let detail = purge
                ? "\(manifest.id) \(installation?.version ?? manifest.version) uninstalled and purged: \(outcome.recordsPurged) records, schema \(PluginLifecycle.schema(of: manifest.id))"
                : "\(manifest.id) \(installation?.version ?? manifest.version) uninstalled; data kept"
            try await AuditLog.append(
                AuditEvent(caller: caller, action: purge ? "plugin.purge" : "plugin.uninstall", detail: detail, at: date),
                on: connection, logger: logger)
            return outcome
        }
    }

    /// Makes the grants of the plugins built into the server equal to what those of `catalog`
    /// that are installed and enabled declare (after the server's code changed views); the
    /// grants of packaged plugins change only with their packages.
    public func syncViewGrants(catalog: PluginRegistry) async throws(CoordinationError) {
        try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            let enabled = try await PluginInstallationStore.installations(on: connection, logger: logger).values
                .filter(\.enabled).map(\.pluginID)
            try await ViewGrantTable.replaceBuiltIn(
                with: Disclosure.grantRows(catalog.restricted(to: Set(enabled))), on: connection, logger: logger)
        }
    }

    /// Runs one change under the plugin lock: reads the installation, checks it, runs `body`,
    /// and tells every instance at commit.
    private func change(
        _ manifest: PluginManifest,
        check: @escaping @Sendable (PluginInstallation?) throws -> Void,
        body: @escaping @Sendable (PostgresConnection, PluginInstallation?, Logger) async throws -> PluginChangeOutcome
    ) async throws(CoordinationError) -> PluginChangeOutcome {
        try await database.transaction(timeout: .seconds(60)) { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            let installation = try await PluginInstallationStore.installations(
                on: connection, logger: logger, pluginID: manifest.id)[manifest.id]
            try check(installation)
            let outcome = try await body(connection, installation, logger)
            try await connection.query("SELECT pg_notify(\(Self.channel), \(manifest.id))", logger: logger)
            return outcome
        }
    }

    /// The plugin's indicators as core definitions; a malformed declaration is the plugin's fault.
    private static func indicators(of manifest: PluginManifest) throws(CoordinationError) -> [Indicator] {
        var indicators: [Indicator] = []
        for declaration in manifest.indicators {
            do {
                indicators.append(try Indicator(declaration: declaration, owner: manifest.departmentCode))
            } catch {
                throw CoordinationError(
                    code: .failedPrecondition, message: "plugin '\(manifest.id)' declares a malformed indicator: \(error.message)")
            }
        }
        return indicators
    }

    private static func ensureDepartment(_ manifest: PluginManifest, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT 1 FROM coord.department WHERE code = \(manifest.departmentCode)", logger: logger)
        for try await _ in rows { return }
        throw CoordinationError(
            code: .failedPrecondition,
            message: "plugin '\(manifest.id)' serves department '\(manifest.departmentCode)', which is not registered; register it first (coord department add)")
    }
}
