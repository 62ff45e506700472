import Crypto
import Foundation

/// The tamper-evident chain of audit entries: entry *n* stores the SHA-256 of
/// (*n*, the hash of entry *n − 1*, its canonical body). Changing, removing or reordering an
/// entry breaks the chain at that entry.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// An entry as stored.
    public struct Entry: Sendable, Hashable {
        public var sequence: Int64
        public var body: String
        public var previousHash: String
        public var hash: String

        public init(sequence: Int64, body: String, previousHash: String, hash: String) {
            self.sequence = sequence
            self.body = body
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    /// What verification found.
    public enum Finding: Sendable, Hashable {
        /// Every entry is where it should be, unchanged.
        case intact(entries: Int)
        /// The first entry at which the chain breaks, and how.
        case broken(sequence: Int64, problem: String)
    }

    /// The canonical body of an event: JSON with sorted keys.
    public static func body(of event: AuditEvent) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and arrays of strings cannot fail.
        return String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self)
    }

    /// The hash of entry `sequence` with `body`, following `previousHash`.
    public static func hash(sequence: Int64, previousHash: String, body: String) -> String {
        let digest = SHA256.hash(data: Data("\(sequence)\n\(previousHash)\n\(body)".utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
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
        var expectedSequence: Int64 = 1
        var previousHash = genesis
        for entry in entries {
            if entry.sequence != expectedSequence {
                return .broken(
                    sequence: expectedSequence,
                    problem: entry.sequence > expectedSequence
                        ? "entry \(expectedSequence) is missing (removed)"
                        : "entry \(entry.sequence) appears out of order")
            }
            if entry.previousHash != previousHash {
                return .broken(
                    sequence: entry.sequence,
                    problem: "entry \(entry.sequence) does not follow entry \(entry.sequence - 1) (reordered, or its predecessor was changed)")
            }
            if hash(sequence: entry.sequence, previousHash: entry.previousHash, body: entry.body) != entry.hash {
                return .broken(sequence: entry.sequence, problem: "entry \(entry.sequence) was changed")
            }
            previousHash = entry.hash
            expectedSequence += 1
        }
        return .intact(entries: entries.count)
    }
}
