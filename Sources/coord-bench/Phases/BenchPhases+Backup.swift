import CoordinationOperations
import DevEnvironment
import Foundation
import Logging
import PostgresNIO

extension BenchPhases {
    /// Backs the deployment up (`coord backup`'s writer, as the superuser) and restores it into a
    /// new database of the same cluster (`coord restore`'s, which verifies the audit chain):
    /// seconds for each and the backup's size.
    func measureBackup(label: String) async throws {
        let superuser = deployment.environment.postgres.superuserSettings(deployment.credentials)
        let folder = deployment.environment.root + "/bench-backup"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var logger = Logger(label: "coordination.bench.backup")
        logger.logLevel = .error
        var began = ContinuousClock.now
        let manifest = try await BackupWriter(settings: superuser, logger: logger)
            .write(to: folder, secrets: BackupSecrets(), certificateAuthority: nil)
        let backupSeconds = began.duration(to: .now).seconds
        let bytes = try FileManager.default.subpaths(atPath: folder)?.reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        } ?? 0

        var target = superuser
        target.database = "bench_restore"
        var maintenance = superuser
        maintenance.database = "postgres"
        try await EmbeddedPostgres.withClient(maintenance, logger: logger) { client in
            try await client.query("DROP DATABASE IF EXISTS bench_restore")
        }
        began = ContinuousClock.now
        let outcome = try await BackupRestorer(settings: target, logger: logger)
            .restore(from: folder, secretsOutput: nil, certificateAuthorityOutput: nil)
        let restoreSeconds = began.duration(to: .now).seconds
        guard case .intact(let entries) = outcome.verification.finding else {
            throw BenchFailure("the restored audit chain does not verify: \(outcome.verification.finding)")
        }
        report.say("backup at \(grouped(Double(marks.highest))) records: \(fixed(backupSeconds, 1)) s, "
                   + "\(fixed(Double(bytes) / 1_048_576, 1)) MB; restore with audit verification "
                   + "(\(grouped(Double(entries))) entries) \(fixed(restoreSeconds, 1)) s")
        report.record("backup_\(label)_s", backupSeconds)
        report.record("backup_\(label)_mb", Double(bytes) / 1_048_576)
        report.record("restore_\(label)_s", restoreSeconds)
        report.record("restore_\(label)_audit_entries", entries)
        report.record("backup_\(label)_schema", manifest.schemaVersion)
    }
}
