import Crypto
import Foundation

/// A publisher's private signing key (Ed25519), kept by the publisher and never by the server.
///
/// Its file holds the 32 bytes in base64 between `-----BEGIN COORD PLUGIN SIGNING KEY-----` and
/// `-----END COORD PLUGIN SIGNING KEY-----`; `coord plugin keygen` writes it readable by its
/// owner only.
public struct PackageSigningKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    /// The name written beside the public key.
    public var name: String

    /// A new random key.
    public init(name: String) {
        key = Curve25519.Signing.PrivateKey()
        self.name = name
    }

    static let header = "-----BEGIN COORD PLUGIN SIGNING KEY-----"
    static let footer = "-----END COORD PLUGIN SIGNING KEY-----"

    /// Reads the key file's text; `name` is given to its public key.
    public init(text: String, name: String = "") throws(PackageError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let start = lines.firstIndex(of: Self.header), let end = lines.firstIndex(of: Self.footer), start < end,
              let raw = Data(base64Encoded: lines[(start + 1)..<end].joined()),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw PackageError("not a plugin signing key: expected the file coord plugin keygen wrote (\(Self.header) …)")
        }
        self.key = key
        self.name = name
    }

    /// The key file's text.
    public var text: String {
        "\(Self.header)\n\(key.rawRepresentation.base64EncodedString())\n\(Self.footer)\n"
    }

    /// The public key to hand to administrators.
    public var publisherKey: PublisherKey {
        PublisherKey(valid: key.publicKey.rawRepresentation, name: name)
    }

    /// The signature of `data`.
    public func signature(of data: Data) throws(PackageError) -> Data {
        do {
            return try key.signature(for: data)
        } catch {
            throw PackageError("could not sign the package: \(error)")
        }
    }
}
