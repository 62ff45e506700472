import Foundation

/// Verifies an audit chain fed one entry at a time, in stored order, in constant memory: only
/// the previous entry's hash and the hashes of entries that checkpoints name are kept. What it
/// finds is what ``AuditChain/verify(_:)`` and ``AuditChain/verify(_:checkpoints:publicKey:)``
/// find for the same entries.
public struct AuditVerifier: Sendable {
    private var expectedSequence: Int64 = 1
    private var previousHash = AuditChain.genesis
    private var broken: AuditChain.Finding?
    private let checkpoints: [AuditCheckpoint]
    private let publicKey: AuditCheckpointPublicKey?
    /// The hashes of the entries checkpoints name, as they are met.
    private var named: [Int64: String]
    private var lastSequence: Int64 = 0

    /// A verifier that also checks `checkpoints` against `publicKey` (none: the chain alone).
    public init(checkpoints: [AuditCheckpoint] = [], publicKey: AuditCheckpointPublicKey? = nil) {
        self.checkpoints = publicKey == nil ? [] : checkpoints.sorted { $0.sequence < $1.sequence }
        self.publicKey = publicKey
        named = Dictionary(self.checkpoints.map { ($0.sequence, "") }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the chain has been found broken: entries fed after that are not looked at.
    public var isBroken: Bool { broken != nil }

    /// Checks the next entry.
    public mutating func add(_ entry: AuditChain.Entry) {
        guard broken == nil else { return }
        if let problem = problem(with: entry) {
            broken = problem
            return
        }
        if named[entry.sequence] != nil { named[entry.sequence] = entry.hash }
        previousHash = entry.hash
        lastSequence = entry.sequence
        expectedSequence += 1
    }

    /// What the entries fed so far, and the checkpoints, show.
    public func finish() -> AuditChain.Verification {
        let count = Int(expectedSequence - 1)
        var result = AuditChain.Verification(
            finding: broken ?? .intact(entries: count), checkpoints: checkpoints.count, coveredThrough: nil)
        guard broken == nil, let publicKey else { return result }
        for checkpoint in checkpoints {
            guard checkpoint.isSigned(by: publicKey) else {
                result.finding = .broken(
                    sequence: checkpoint.sequence,
                    problem: "the checkpoint of entry \(checkpoint.sequence) is not signed by the given key")
                return result
            }
            guard let hash = named[checkpoint.sequence], !hash.isEmpty else {
                result.finding = .broken(
                    sequence: lastSequence + 1,
                    problem: "entries \(lastSequence + 1) to \(checkpoint.sequence) are missing: a checkpoint signed \(checkpoint.at) vouches for entry \(checkpoint.sequence), the chain ends at \(lastSequence) (the newest entries were removed)")
                return result
            }
            guard hash == checkpoint.hash else {
                result.finding = .broken(
                    sequence: checkpoint.sequence,
                    problem: "entry \(checkpoint.sequence) is not the one signed \(checkpoint.at) (the chain was rewritten)")
                return result
            }
            result.coveredThrough = max(result.coveredThrough ?? 0, checkpoint.sequence)
        }
        return result
    }

    private func problem(with entry: AuditChain.Entry) -> AuditChain.Finding? {
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
        if AuditChain.hash(sequence: entry.sequence, previousHash: entry.previousHash, body: entry.body) != entry.hash {
            return .broken(sequence: entry.sequence, problem: "entry \(entry.sequence) was changed")
        }
        if let subjects = entry.subjects, !Self.bodyNames(subjects, in: entry.body) {
            return .broken(
                sequence: entry.sequence,
                problem: "entry \(entry.sequence)'s lookup column of persons differs from its hashed body (hidden from or added to a person's history)")
        }
        return nil
    }

    /// Whether the hashed `body` names the persons `subjects`, in any order.
    private static func bodyNames(_ subjects: [String], in body: String) -> Bool {
        // The canonical body holds the list as its encoder writes it; a key inside a string
        // value would be escaped, so the unescaped key is the field itself.
        if body.contains("\"subjects\":" + CanonicalAuditBody.array(subjects)) { return true }
        let hashed = (try? JSONDecoder().decode(AuditEvent.self, from: Data(body.utf8)))?.subjects ?? []
        return Set(subjects) == Set(hashed)
    }
}
