import Crypto
import Foundation

/// A plugin package as a file: its body — the manifest, with migrations inlined, and the
/// descriptor set of its record types — and the publisher's Ed25519 signature over the body's
/// exact bytes.
///
/// The file is JSON: `{"format": "coord-plugin-package/1", "body": <base64>, "publicKey":
/// <base64>, "signature": <base64>}`. Reading a file checks that the signature is the named
/// key's; whether that key is trusted is the installing server's decision.
public struct PluginPackage: Sendable {
    /// The file name extension of packages: `health-1.0.0.coordpkg`.
    public static let fileExtension = "coordpkg"
    static let format = "coord-plugin-package/1"
    /// The largest package file read: 4 MiB.
    public static let maximumSize = 4 << 20

    /// The signed bytes.
    public let body: Data
    /// The key that signed them.
    public let signer: PublisherKey
    public let signature: Data
    public let manifest: PackageManifest
    /// The serialized `google.protobuf.FileDescriptorSet` of the record types (with imports).
    public let descriptorSet: Data

    private struct Envelope: Codable {
        var format: String
        var body: Data
        var publicKey: Data
        var signature: Data
    }

    private struct Body: Codable {
        var manifest: PackageManifest
        var descriptorSet: Data
    }

    /// Reads and checks a package file: its format, that the signature is valid for the key it
    /// names, and that the body holds a manifest and descriptors.
    public init(file: Data) throws(PackageError) {
        guard file.count <= Self.maximumSize else {
            throw PackageError("the package is \(file.count) bytes; at most \(Self.maximumSize) are accepted")
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: file) else {
            throw PackageError("not a plugin package: expected the JSON file coord plugin pack writes (.\(Self.fileExtension))")
        }
        guard envelope.format == Self.format else {
            throw PackageError("the package format is '\(envelope.format)'; this server reads '\(Self.format)'")
        }
        let signer = try PublisherKey(rawRepresentation: envelope.publicKey)
        guard signer.verifies(envelope.signature, of: envelope.body) else {
            throw PackageError(
                "the package's signature does not match its content for key \(signer.fingerprint): it was changed after signing, or signed with another key")
        }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: envelope.body)
        } catch {
            throw PackageError("the signed package body is not a valid manifest: \(Self.describe(error))")
        }
        if let object = try? JSONSerialization.jsonObject(with: envelope.body) as? [String: Any],
           let manifest = object["manifest"] as? [String: Any]
        {
            try PackageManifest.checkKeys(ofObject: manifest)
        }
        self.body = envelope.body
        self.signer = signer
        self.signature = envelope.signature
        self.manifest = body.manifest
        self.descriptorSet = body.descriptorSet
    }

    /// Builds and signs a package of `manifest` (with its migrations' statements inlined) and
    /// `descriptorSet`.
    public init(manifest: PackageManifest, descriptorSet: Data, signedBy key: PackageSigningKey) throws(PackageError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(Body(manifest: manifest, descriptorSet: descriptorSet)) else {
            throw PackageError("the manifest could not be encoded")
        }
        self.body = body
        self.signer = key.publisherKey
        self.signature = try key.signature(of: body)
        self.manifest = manifest
        self.descriptorSet = descriptorSet
    }

    /// The file's bytes.
    public var file: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding four plain fields cannot fail.
        return (try? encoder.encode(Envelope(format: Self.format, body: body, publicKey: signer.rawRepresentation, signature: signature))) ?? Data()
    }

    /// The SHA-256 of the signed body, in hex: two packages with one digest are the same package.
    public var digest: String {
        SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }

    /// A decoding error as a path and a reason.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : "at \(path.hasPrefix(".") ? String(path.dropFirst()) : path): "
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context))'\(key.stringValue)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context))\(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
