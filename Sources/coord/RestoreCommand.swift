import ArgumentParser
import CoordinationOperations
import Foundation
import Logging

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: tr("Restore a backup folder into a cluster, then verify the audit chain (no server needed)."),
        discussion: tr("Checks every file against the manifest, creates the roles the cluster lacks (a role that exists keeps its password), creates the database --database unless it exists empty, restores it in one transaction, writes the keys and the CA where --secrets-out and --ca-out say, and verifies the audit chain (with the restored checkpoint key's signatures when the backup holds it). Connect as a superuser of the target cluster. Exit 1 if the chain does not verify."))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: .tr("The backup folder.")) var folder: String
    @Option(help: .tr("A new file to write the restored keys to (an environment file, like server.env).")) var secretsOut: String?
    @Option(help: .tr("A new folder to write the restored CA to.")) var caOut: String?

    func run() async throws {
        var logger = Logger(label: "coordination.restore")
        logger.logLevel = .warning
        let settings = try await database.superuserSettings(logger: logger)
        let started = ContinuousClock.now
        let outcome = try await BackupRestorer(settings: settings, logger: logger)
            .restore(from: folder, secretsOutput: secretsOut, certificateAuthorityOutput: caOut)
        let manifest = outcome.manifest
        for line in outcome.roles { print(line) }
        print(tr("restored database \(settings.database) from \(manifest.productVersion) (schema \(manifest.schemaVersion)) taken \(manifest.createdAt) in \(started.duration(to: .now).components.seconds) s"))
        if let secretsOut { print(tr("keys written to \(secretsOut)")) }
        if let caOut { print(tr("CA written to \(caOut)")) }
        try AuditCommand.Verify.report(outcome.verification)
        print(tr("next: start the server on it; it applies newer migrations at start (or run coord migrate)"))
    }
}
