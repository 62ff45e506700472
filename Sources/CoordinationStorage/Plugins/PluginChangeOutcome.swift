import CoordinationCore

/// What an install, upgrade or uninstall did.
public struct PluginChangeOutcome: Sendable {
    /// The installation afterwards; `nil` after a purge.
    public var installation: PluginInstallation?
    public var migrationsApplied: [Int] = []
    public var indicatorsDefined: [String] = []
    /// Records of the plugin's types removed by a purge.
    public var recordsPurged = 0
}
