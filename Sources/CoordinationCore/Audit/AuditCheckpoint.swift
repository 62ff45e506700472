import Crypto
import Foundation

/// A signed statement of the audit chain's head: "entry `sequence` has hash `hash`", signed
/// with an Ed25519 key kept outside the database. Whoever rewrites the chain (recomputing every
/// hash) or removes its newest entries cannot forge a checkpoint, so ``AuditChain/verify(_:checkpoints:publicKey:)``
/// finds both against the last checkpoint — kept in the database and, exported, outside it.
public struct AuditCheckpoint: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: String
    /// When it was signed (ISO 8601, UTC).
    public var at: String
    /// Ed25519 signature of ``signedText``, hex.
    public var signature: String

    public init(sequence: Int64, hash: String, at: String, signature: String) {
        self.sequence = sequence
        self.hash = hash
        self.at = at
        self.signature = signature
    }

    /// What is signed.
    public var signedText: String { "coord-audit-checkpoint\n\(sequence)\n\(hash)\n\(at)" }

    /// Whether `key` signed this checkpoint.
    public func isSigned(by key: AuditCheckpointPublicKey) -> Bool {
        guard let signature = [UInt8](hexString: signature) else { return false }
        return key.key.isValidSignature(signature, for: Data(signedText.utf8))
    }
}

/// The key that signs audit checkpoints: an Ed25519 seed of 32 bytes in hex
/// (`audit.checkpoint-key`), kept outside the database like the pseudonym key.
public struct AuditCheckpointKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// The key from its hex seed.
    public init(hex: String) throws(CoordinationError) {
        guard let bytes = [UInt8](hexString: hex.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        else {
            throw .invalidArgument(field: "audit.checkpoint-key", "must be 64 hex digits (32 bytes)")
        }
        self.key = key
    }

    /// A new random seed, hex.
    public static func generateHex() -> String { Curve25519.Signing.PrivateKey().rawRepresentation.hex }

    /// The key that verifies this key's checkpoints.
    public var publicKey: AuditCheckpointPublicKey { AuditCheckpointPublicKey(key: key.publicKey) }

    /// A checkpoint of `head`, signed at `date`.
    public func sign(_ head: AuditChain.Entry, at date: Date = Date()) throws -> AuditCheckpoint {
        var checkpoint = AuditCheckpoint(sequence: head.sequence, hash: head.hash, at: AuditEvent.timestamp(date), signature: "")
        checkpoint.signature = try key.signature(for: Data(checkpoint.signedText.utf8)).hex
        return checkpoint
    }
}

/// The key that verifies audit checkpoints, in hex as `coord audit verify --public-key` takes it.
public struct AuditCheckpointPublicKey: Sendable, Hashable {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) {
        self.key = key
    }

    public init(hex: String) throws(CoordinationError) {
        guard let bytes = [UInt8](hexString: hex.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else {
            throw .invalidArgument(field: "public key", "must be 64 hex digits (an Ed25519 public key)")
        }
        self.key = key
    }

    public var hex: String { key.rawRepresentation.hex }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.hex == rhs.hex }
    public func hash(into hasher: inout Hasher) { hasher.combine(hex) }
}
