import Foundation

/// The package a packaged plugin was installed or upgraded from, as stored on the deployment
/// (`coord.plugin_package`) so that every instance loads the same plugin.
public struct StoredPluginPackage: Sendable, Hashable {
    public var pluginID: String
    /// The SHA-256 of the package's signed content, in hex: the same digest, the same package.
    public var digest: String
    /// The package file; `nil` when the reader said it already holds a package of this digest.
    public var file: Data?

    public init(pluginID: String, digest: String, file: Data?) {
        self.pluginID = pluginID
        self.digest = digest
        self.file = file
    }
}
