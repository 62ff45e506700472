import CoordinationCore

extension PackagedPlugin {
    /// What the installer stores and checks of the package: its identity, signer and file.
    public var signedPackage: SignedPackage {
        SignedPackage(
            pluginID: manifest.id, version: manifest.version, digest: package.digest,
            signerFingerprint: package.signer.fingerprint, signerPublicKey: package.signer.rawRepresentation,
            recordTypes: manifest.recordTypes.map(\.messageName), file: package.file)
    }
}
