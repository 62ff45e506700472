/// The package a packaged plugin was installed or upgraded from, as stored on the deployment
/// (`coord.plugin_package`) so that every instance loads the same plugin.
public struct StoredPluginPackage: Sendable, Hashable {
    public var pluginID: String
    public var version: String
    /// The SHA-256 of the package's signed content, in hex.
    public var digest: String
    /// The key that signed it, and the name it is trusted under.
    public var signerFingerprint: String
    public var signerName: String
    /// The message names of its record types.
    public var recordTypes: [String]
    /// The package file.
    public var file: [UInt8]

    public init(
        pluginID: String, version: String, digest: String, signerFingerprint: String, signerName: String,
        recordTypes: [String], file: [UInt8]
    ) {
        self.pluginID = pluginID
        self.version = version
        self.digest = digest
        self.signerFingerprint = signerFingerprint
        self.signerName = signerName
        self.recordTypes = recordTypes
        self.file = file
    }
}
