import Foundation

/// A plugin as installed on this deployment (`coord.plugin_installation`).
public struct PluginInstallation: Sendable, Hashable {
    public var pluginID: String
    /// The version last installed or upgraded to.
    public var version: String
    /// `false` once uninstalled without purge: its data is kept, its views and types are off.
    public var enabled: Bool
    /// When it was last installed, upgraded or uninstalled, and by whom.
    public var changedAt: Date
    public var changedBy: String
    /// The versions of the plugin's own migrations that have run.
    public var appliedMigrations: Set<Int>

    public init(
        pluginID: String, version: String, enabled: Bool, changedAt: Date, changedBy: String, appliedMigrations: Set<Int>
    ) {
        self.pluginID = pluginID
        self.version = version
        self.enabled = enabled
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.appliedMigrations = appliedMigrations
    }
}
