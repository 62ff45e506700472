/// The declarations a plugin makes about itself.
public struct PluginManifest: Sendable {
    /// Unique identifier of the plugin, lower-case, e.g. `"education"`.
    public var id: String
    /// Semantic version, e.g. `"1.0.0"`.
    public var version: String
    /// Code of the department the plugin serves, e.g. `"education"`.
    public var departmentCode: String
    /// Human-readable name, e.g. `"Education (教育)"`.
    public var displayName: String
    /// The record types the plugin contributes.
    public var recordTypes: [RecordTypeDeclaration]
    /// Defaults for the referrals the plugin's department makes (e.g. a green channel).
    public var referralDefaults: [ReferralDefault]
    /// The routing rules of its record types in words, shown before install: what fires when.
    public var routingRules: [String]
    /// The indicators the plugin's department reports, defined when the plugin is installed.
    public var indicators: [IndicatorDeclaration]
    /// The plugin's own schema steps, in version order.
    public var migrations: [PluginMigration]

    public init(
        id: String,
        version: String,
        departmentCode: String,
        displayName: String,
        recordTypes: [RecordTypeDeclaration],
        referralDefaults: [ReferralDefault] = [],
        routingRules: [String] = [],
        indicators: [IndicatorDeclaration] = [],
        migrations: [PluginMigration] = []
    ) {
        self.id = id
        self.version = version
        self.departmentCode = departmentCode
        self.displayName = displayName
        self.recordTypes = recordTypes
        self.referralDefaults = referralDefaults
        self.routingRules = routingRules
        self.indicators = indicators
        self.migrations = migrations
    }
}
