import ArgumentParser
import CoordinationOperations
import DevEnvironment
import Foundation
import Logging

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: tr("Back up the database, its roles and the keys that give the data meaning (no server needed)."),
        discussion: tr("Writes a new folder (mode 0700): database.dump (pg_dump's custom format: every schema, the plugins' included), roles.json (the roles the database needs, with their password hashes), keys.env (the pseudonym and audit checkpoint keys, from --secrets), ca/ (the CA, from --ca) and MANIFEST.json (versions, what is included, the SHA-256 of every file). Connect as a superuser (--user postgres, password from $COORD_DATABASE_PASSWORD). The keys and the CA are secret: keep the folder encrypted and apart from the database's own storage."))

    @OptionGroup var database: DatabaseOptions
    @Option(help: .tr("The new folder to write the backup to.")) var out: String
    @Option(help: .tr("The server's secrets file (server.env): its pseudonym and audit checkpoint keys go into the backup."))
    var secrets: String?
    @Option(help: .tr("The CA's folder (coord pki init-ca --dir): its certificate and key go into the backup."))
    var ca: String?

    func run() async throws {
        var logger = Logger(label: "coordination.backup")
        logger.logLevel = .warning
        let settings = try await database.superuserSettings(logger: logger)
        let started = ContinuousClock.now
        let manifest = try await BackupWriter(settings: settings, logger: logger)
            .write(to: out, secrets: try backupSecrets(), certificateAuthority: ca)
        let seconds = started.duration(to: .now).components.seconds
        print(tr("backed up database \(manifest.database) (schema \(manifest.schemaVersion), \(manifest.auditChainLength) audit entries) to \(out) in \(seconds) s"))
        print(tr("roles: \(manifest.roles.joined(separator: ", "))") + (manifest.passwordsIncluded ? "" : " (without passwords)"))
        for (name, included) in [
            ("pseudonym key", manifest.pseudonymKeyIncluded), ("audit checkpoint key", manifest.auditCheckpointKeyIncluded),
            ("CA", manifest.certificateAuthorityIncluded),
        ] {
            print(included ? "\(name): included (secret)" : "\(name): NOT included — keep it safe elsewhere")
        }
    }

    /// The keys: from --secrets, or with --dev-data-dir from the embedded environment's files.
    private func backupSecrets() throws -> BackupSecrets {
        if let secrets { return try BackupSecrets(environmentFile: secrets) }
        guard let root = database.devDataDir else { return BackupSecrets() }
        let read = { (name: String) in
            (try? String(contentsOfFile: (root as NSString).appendingPathComponent(name), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return BackupSecrets(pseudonymKey: read("pseudonym.key"), auditCheckpointKey: read("audit-checkpoint.key"))
    }

}
