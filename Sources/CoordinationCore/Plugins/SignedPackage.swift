import Foundation

/// A plugin package on its way to being installed: what the installer stores and checks, read
/// from the package file by the server (whose signature it has verified).
public struct SignedPackage: Sendable, Hashable {
    public var pluginID: String
    public var version: String
    /// The SHA-256 of the package's signed content, in hex.
    public var digest: String
    /// The key that signed it: its fingerprint and its 32 Ed25519 bytes.
    public var signerFingerprint: String
    public var signerPublicKey: Data
    /// The message names of its record types.
    public var recordTypes: [String]
    /// The package file.
    public var file: Data

    public init(
        pluginID: String, version: String, digest: String, signerFingerprint: String, signerPublicKey: Data,
        recordTypes: [String], file: Data
    ) {
        self.pluginID = pluginID
        self.version = version
        self.digest = digest
        self.signerFingerprint = signerFingerprint
        self.signerPublicKey = signerPublicKey
        self.recordTypes = recordTypes
        self.file = file
    }
}
