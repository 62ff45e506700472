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

    public init(
        id: String,
        version: String,
        departmentCode: String,
        displayName: String,
        recordTypes: [RecordTypeDeclaration],
        referralDefaults: [ReferralDefault] = []
    ) {
        self.id = id
        self.version = version
        self.departmentCode = departmentCode
        self.displayName = displayName
        self.recordTypes = recordTypes
        self.referralDefaults = referralDefaults
    }
}
