import Foundation

/// A publisher key an administrator trusts to sign plugin packages (`coord.plugin_publisher`).
public struct TrustedPublisher: Sendable, Hashable {
    /// `ed25519:` and the first 16 bytes of the key's SHA-256, in hex.
    public var fingerprint: String
    /// The 32 bytes of the Ed25519 public key.
    public var publicKey: Data
    /// Who holds the key, as the administrator named it.
    public var name: String
    public var trustedAt: Date
    public var trustedBy: String

    public init(fingerprint: String, publicKey: Data, name: String, trustedAt: Date, trustedBy: String) {
        self.fingerprint = fingerprint
        self.publicKey = publicKey
        self.name = name
        self.trustedAt = trustedAt
        self.trustedBy = trustedBy
    }
}
