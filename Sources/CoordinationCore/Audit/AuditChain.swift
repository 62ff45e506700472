import Crypto
import Foundation

/// The tamper-evident chain of audit entries: entry *n* stores the SHA-256 of
/// (*n*, the hash of entry *n − 1*, its canonical body). Changing, removing or reordering an
/// entry breaks the chain at that entry; a lookup column that disagrees with the hashed body
/// (a person's entry hidden from their history) is found too; signed ``AuditCheckpoint``s find
/// the removal of the newest entries and a chain rewritten whole.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// An entry as stored.
    public struct Entry: Sendable, Hashable {
        public var sequence: Int64
        public var body: String
        public var previousHash: String
        public var hash: String
        /// The stored lookup column of the persons concerned; `nil` when not read. It must
        /// say what the hashed body says.
        public var subjects: [String]?

        public init(sequence: Int64, body: String, previousHash: String, hash: String, subjects: [String]? = nil) {
            self.sequence = sequence
            self.body = body
            self.previousHash = previousHash
            self.hash = hash
            self.subjects = subjects
        }
    }

    /// What verification found.
    public enum Finding: Sendable, Hashable {
        /// Every entry is where it should be, unchanged.
        case intact(entries: Int)
        /// The first entry at which the chain breaks, and how.
        case broken(sequence: Int64, problem: String)
    }

    /// The canonical body of an event: JSON with sorted keys and unescaped slashes, as
    /// `JSONEncoder` writes it with those options (``CanonicalAuditBody``).
    public static func body(of event: AuditEvent) -> String {
        CanonicalAuditBody.encode(event)
    }

    /// The hash of entry `sequence` with `body`, following `previousHash`.
    public static func hash(sequence: Int64, previousHash: String, body: String) -> String {
        let digest = SHA256.hash(data: Data("\(sequence)\n\(previousHash)\n\(body)".utf8))
        return Data(digest).hex
    }

    /// The entry that follows `previous` (or starts the chain) with `event`.
    public static func next(after previous: Entry?, event: AuditEvent) -> Entry {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? genesis
        let body = body(of: event)
        return Entry(sequence: sequence, body: body, previousHash: previousHash,
                     hash: hash(sequence: sequence, previousHash: previousHash, body: body))
    }

    /// Checks `entries` (in stored order) from the genesis on; reports the first break.
    public static func verify(_ entries: [Entry]) -> Finding {
        var verifier = AuditVerifier()
        for entry in entries { verifier.add(entry) }
        return verifier.finish().finding
    }

    /// What verifying against signed checkpoints found.
    public struct Verification: Sendable, Hashable {
        /// The chain itself.
        public var finding: Finding
        /// How many checkpoints were checked, and the newest entry they vouch for (`nil`: none).
        public var checkpoints: Int
        public var coveredThrough: Int64?

        public init(finding: Finding, checkpoints: Int, coveredThrough: Int64?) {
            self.finding = finding
            self.checkpoints = checkpoints
            self.coveredThrough = coveredThrough
        }
    }

    /// Checks `entries` as ``verify(_:)`` does, then each checkpoint: signed by `publicKey`,
    /// naming an entry that exists with the hash it has. A checkpoint past the last entry means
    /// the newest entries were removed; a checkpoint whose hash differs means the chain was
    /// rewritten.
    public static func verify(
        _ entries: [Entry], checkpoints: [AuditCheckpoint], publicKey: AuditCheckpointPublicKey
    ) -> Verification {
        var verifier = AuditVerifier(checkpoints: checkpoints, publicKey: publicKey)
        for entry in entries { verifier.add(entry) }
        return verifier.finish()
    }
}
