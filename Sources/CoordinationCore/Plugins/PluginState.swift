/// Where a plugin built into the server stands on this deployment.
public enum PluginState: String, Sendable, CaseIterable {
    /// Never installed, or purged.
    case available
    /// Installed and enabled at the version built into the server.
    case installed
    /// Installed and enabled at an older version: an upgrade is due.
    case upgradeAvailable = "upgrade-available"
    /// Uninstalled without purge: disabled, data kept.
    case disabled
}
