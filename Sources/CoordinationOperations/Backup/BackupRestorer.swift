import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging
import PostgresNIO

/// Restores a backup folder into a cluster: every file checked against the manifest first,
/// then the roles the cluster lacks, the database (created, or an empty one filled) in one
/// transaction, the keys written where asked, and the audit chain verified — with the
/// restored checkpoint key's signatures when the backup holds it.
public struct BackupRestorer: Sendable {
    /// A superuser of the target cluster; `database` names the database to restore into.
    public let settings: DatabaseSettings
    public let logger: Logger

    /// What a restore did.
    public struct Outcome: Sendable {
        public var manifest: BackupManifest
        public var roles: [String]
        /// The restored audit chain, checked with the restored checkpoint key when there is one.
        public var verification: AuditChain.Verification
    }

    public init(settings: DatabaseSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Reads and checks the manifest of `folder`: every file present with its digest, no file
    /// the manifest does not name, a format and schema this binary knows.
    public static func checkedManifest(of folder: String) throws -> BackupManifest {
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }
        guard let data = FileManager.default.contents(atPath: path(BackupManifest.fileName)) else {
            throw BackupError("\(folder) holds no \(BackupManifest.fileName): it is not a complete backup")
        }
        let manifest: BackupManifest
        do { manifest = try BackupManifest.decoder.decode(BackupManifest.self, from: data) } catch {
            throw BackupError("\(BackupManifest.fileName) cannot be read: \(error)")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw BackupError("the backup's format \(manifest.format) is not one this coord (\(ProductVersion.current)) restores")
        }
        let newest = CoreMigrations.all.map(\.version).max() ?? 0
        guard manifest.schemaVersion <= newest else {
            throw BackupError(
                "the backup's schema version \(manifest.schemaVersion) is newer than this coord's (\(newest)): restore it with coord \(manifest.productVersion) or later")
        }
        for (name, digest) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard FileManager.default.fileExists(atPath: path(name)) else { throw BackupError("\(name) is missing from the backup") }
            guard try BackupManifest.digest(ofFile: path(name)) == digest else {
                throw BackupError("\(name) does not match the manifest's SHA-256: the backup is damaged")
            }
        }
        return manifest
    }

    /// Restores `folder`; writes the keys to `secretsOutput` and the CA to `certificateAuthorityOutput`
    /// when given (neither may exist).
    public func restore(
        from folder: String, secretsOutput: String?, certificateAuthorityOutput: String?
    ) async throws -> Outcome {
        let manifest = try Self.checkedManifest(of: folder)
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }
        let roles = try BackupManifest.decoder.decode(DatabaseRoles.self, from: Data(contentsOf: URL(fileURLWithPath: path("roles.json"))))
        let secrets = FileManager.default.fileExists(atPath: path("keys.env"))
            ? try BackupSecrets(environmentFile: path("keys.env")) : BackupSecrets()
        for output in [secretsOutput, certificateAuthorityOutput].compactMap({ $0 }) where FileManager.default.fileExists(atPath: output) {
            throw BackupError("\(output) exists; name a new file or folder for the restored keys")
        }
        if secretsOutput != nil, secrets.pseudonymKey == nil, secrets.auditCheckpointKey == nil {
            throw BackupError("the backup holds no keys to write to \(secretsOutput ?? "")")
        }
        if certificateAuthorityOutput != nil, !manifest.certificateAuthorityIncluded {
            throw BackupError("the backup holds no CA to write to \(certificateAuthorityOutput ?? "")")
        }

        var maintenance = settings
        maintenance.database = "postgres"
        let report = try await EmbeddedPostgres.withClient(maintenance, logger: logger) { [settings, logger] client in
            guard try await DatabaseRoles.isSuperuser(client, logger: logger) else { throw BackupError("\(settings.username) is not a superuser of the target cluster") }
            let report = try await roles.create(on: client, logger: logger)
            let exists = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(settings.database)", logger: logger)
                .collect().isEmpty == false
            if !exists { try await roles.createDatabase(settings.database, on: client, logger: logger) }
            return report
        }
        try await EmbeddedPostgres.withClient(settings, logger: logger) { [settings, logger] client in
            let tables = try await client.query(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND c.relkind IN ('r', 'p')",
                logger: logger
            ).collect().first?.decode(Int.self) ?? 0
            guard tables == 0 else {
                throw BackupError("database \(settings.database) already holds \(tables) tables; restore into an empty or new database")
            }
        }
        try await PostgresTools().run(
            "pg_restore", ["--exit-on-error", "--single-transaction", "--dbname=\(settings.database)", path("database.dump")],
            on: settings)

        if let secretsOutput {
            try SecureFile.write(Data(secrets.environmentFile.utf8), to: secretsOutput)
        }
        if let certificateAuthorityOutput {
            try FileManager.default.createDirectory(
                atPath: certificateAuthorityOutput, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for name in manifest.files.keys.filter({ $0.hasPrefix("ca/") }).sorted() {
                try SecureFile.write(
                    Data(contentsOf: URL(fileURLWithPath: path(name))),
                    to: (certificateAuthorityOutput as NSString).appendingPathComponent(String(name.dropFirst(3))))
            }
        }

        let key = try secrets.checkpointPublicKey
        let verification = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
            let database = Database(client: client, logger: logger)
            guard let key else { return try await AuditLog.verify(in: database, with: AuditVerifier()) }
            let signed = try await AuditLog.checkpoints(in: database)
            return try await AuditLog.verify(in: database, with: AuditVerifier(checkpoints: signed, publicKey: key))
        }
        return Outcome(manifest: manifest, roles: report, verification: verification)
    }
}
