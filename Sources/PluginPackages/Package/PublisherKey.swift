import Crypto
import Foundation

/// A publisher's public signing key (Ed25519): what an administrator trusts, and what a package
/// names as its signer.
///
/// Its text form is one line, `coord-plugin-publisher ed25519 <base64 key> <name>`, as
/// `coord plugin keygen` writes it to the `.pub` file.
public struct PublisherKey: Sendable, Hashable {
    /// The 32 bytes of the Ed25519 public key.
    public let rawRepresentation: Data
    /// Who holds the key, as its owner named it (not verified; the administrator trusts the key).
    public var name: String

    /// The key of `rawRepresentation`; refused unless it is an Ed25519 public key.
    public init(rawRepresentation: Data, name: String = "") throws(PackageError) {
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)) != nil else {
            throw PackageError("a publisher key must be 32 bytes of an Ed25519 public key")
        }
        self.rawRepresentation = rawRepresentation
        self.name = name
    }

    /// A key known to be valid (derived from a private key).
    init(valid rawRepresentation: Data, name: String) {
        self.rawRepresentation = rawRepresentation
        self.name = name
    }

    static let textPrefix = "coord-plugin-publisher ed25519 "

    /// Reads the one-line text form.
    public init(text: String) throws(PackageError) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix(Self.textPrefix) else {
            throw PackageError("not a publisher key: it should read 'coord-plugin-publisher ed25519 <key> <name>' (the .pub file of coord plugin keygen)")
        }
        let rest = line.dropFirst(Self.textPrefix.count)
        let parts = rest.split(separator: " ", maxSplits: 1)
        guard let encoded = parts.first, let raw = Data(base64Encoded: String(encoded)) else {
            throw PackageError("the publisher key is not valid base64")
        }
        try self.init(rawRepresentation: raw, name: parts.count > 1 ? String(parts[1]) : "")
    }

    /// The one-line text form.
    public var text: String {
        Self.textPrefix + rawRepresentation.base64EncodedString() + (name.isEmpty ? "" : " " + name)
    }

    /// A short, stable name for the key: `ed25519:` and the first 16 bytes of its SHA-256 in hex.
    public var fingerprint: String {
        "ed25519:" + SHA256.hash(data: rawRepresentation).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is this key's signature of `data`.
    public func verifies(_ signature: Data, of data: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: data)
    }
}
