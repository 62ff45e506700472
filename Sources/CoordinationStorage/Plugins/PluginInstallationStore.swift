import CoordinationCore
import Foundation
import PostgresNIO

/// Reads which plugins are installed on the deployment (`coord.plugin_installation`).
public struct PluginInstallationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every installation, by plugin id.
    public func installations() async throws(CoordinationError) -> [String: PluginInstallation] {
        try await database.withConnection { [logger = database.logger] connection in
            try await Self.installations(on: connection, logger: logger)
        }
    }

    /// The installations, by plugin id, read on `connection`: every one, or only `pluginID`'s.
    static func installations(
        on connection: PostgresConnection, logger: Logger, pluginID: String? = nil
    ) async throws -> [String: PluginInstallation] {
        let rows = try await connection.query(
            """
            SELECT i.plugin_id, i.version, i.enabled, i.changed_at, i.changed_by,
                   coalesce((SELECT array_agg(m.version) FROM coord.plugin_migration m WHERE m.plugin_id = i.plugin_id), '{}')
            FROM coord.plugin_installation i
            WHERE \(pluginID)::text IS NULL OR i.plugin_id = \(pluginID)
            """, logger: logger)
        var installations: [String: PluginInstallation] = [:]
        for try await (id, version, enabled, changedAt, changedBy, migrations)
            in rows.decode((String, String, Bool, Date, String, [Int32]).self)
        {
            installations[id] = PluginInstallation(
                pluginID: id, version: version, enabled: enabled, changedAt: changedAt, changedBy: changedBy,
                appliedMigrations: Set(migrations.map(Int.init)))
        }
        return installations
    }
}
