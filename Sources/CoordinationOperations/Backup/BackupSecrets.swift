import CoordinationCore
import Foundation

/// The keys that give the data its meaning, which live outside the database: the pseudonym key
/// (without it, new records of a person no longer match the earlier ones) and the audit
/// checkpoint key (without it, the chain's head is signed by a new key that earlier exports do
/// not know). Each is optional; a backup says which it holds.
public struct BackupSecrets: Sendable, Equatable {
    /// `privacy.pseudonym-key` (`COORD_PRIVACY_PSEUDONYM_KEY`).
    public var pseudonymKey: String?
    /// `audit.checkpoint-key` (`COORD_AUDIT_CHECKPOINT_KEY`).
    public var auditCheckpointKey: String?

    static let pseudonymVariable = "COORD_PRIVACY_PSEUDONYM_KEY"
    static let checkpointVariable = "COORD_AUDIT_CHECKPOINT_KEY"

    public init(pseudonymKey: String? = nil, auditCheckpointKey: String? = nil) {
        self.pseudonymKey = pseudonymKey
        self.auditCheckpointKey = auditCheckpointKey
    }

    /// The keys named in an environment file (the server's `secrets/server.env`: `NAME=value`
    /// lines, `#` comments, optional `export` and quotes); other variables are not read.
    public init(environmentFile path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BackupError("cannot read the secrets file \(path): \(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            var entry = line.trimmingCharacters(in: .whitespaces)
            guard !entry.hasPrefix("#") else { continue }
            if entry.hasPrefix("export ") { entry = String(entry.dropFirst("export ".count)) }
            guard let separator = entry.firstIndex(of: "=") else { continue }
            let name = entry[..<separator].trimmingCharacters(in: .whitespaces)
            var value = entry[entry.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        self.init(pseudonymKey: values[Self.pseudonymVariable], auditCheckpointKey: values[Self.checkpointVariable])
    }

    /// The keys as an environment file, mode 0600 when written.
    var environmentFile: String {
        var lines = ["# The keys of a coordination deployment (privacy.pseudonym-key, audit.checkpoint-key). Secret: mode 0600, or 0640 root:coord."]
        if let pseudonymKey { lines.append("\(Self.pseudonymVariable)=\(pseudonymKey)") }
        if let auditCheckpointKey { lines.append("\(Self.checkpointVariable)=\(auditCheckpointKey)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The public half of the checkpoint key, to verify the restored chain's signatures with.
    var checkpointPublicKey: AuditCheckpointPublicKey? {
        get throws { try auditCheckpointKey.map { try AuditCheckpointKey(hex: $0).publicKey } }
    }
}
