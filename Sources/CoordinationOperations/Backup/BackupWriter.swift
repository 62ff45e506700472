import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging
import PostgresNIO

/// Writes a backup folder: the database in `pg_dump`'s custom format (every schema, the plugins'
/// included), the roles it needs, the keys given, and the manifest last — a folder without
/// one is not a backup.
///
/// Connect as a superuser: the plugins' schemas belong to their own roles, row-level security
/// hides rows from everyone else, and only a superuser reads the roles' password hashes.
public struct BackupWriter: Sendable {
    public let settings: DatabaseSettings
    public let logger: Logger

    public init(settings: DatabaseSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Backs up into `folder` (created, mode 0700; it must not exist or be empty) with
    /// `secrets` and the CA folder `certificateAuthority`, when given.
    public func write(to folder: String, secrets: BackupSecrets, certificateAuthority: String?) async throws -> BackupManifest {
        let files = FileManager.default
        if files.fileExists(atPath: folder), !((try? files.contentsOfDirectory(atPath: folder)) ?? []).isEmpty {
            throw BackupError("\(folder) is not empty; back up into a new folder")
        }
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }

        let (roles, schemaVersion, postgresVersion, chainLength) = try await EmbeddedPostgres.withClient(settings, logger: logger) {
            [logger] client in
            guard try await DatabaseRoles.isSuperuser(client, logger: logger) else {
                throw BackupError(
                    "\(settings.username) is not a superuser: plugin schemas and rows behind row-level security would be missing; back up as a superuser (e.g. postgres)")
            }
            let database = Database(client: client, logger: logger)
            let roles = try await DatabaseRoles.read(on: client, logger: logger)
            let schema = try await Migrator.appliedVersions(in: database).max() ?? 0
            let version = try await client.query("SHOW server_version", logger: logger).collect().first?.decode(String.self) ?? ""
            let length = schema == 0 ? 0 : Int64(try await AuditLog.length(in: database))
            return (roles, schema, version, length)
        }
        guard schemaVersion > 0 else {
            throw BackupError("database \(settings.database) has no coordination schema; check --database")
        }
        try await PostgresTools().run(
            "pg_dump", ["--format=custom", "--compress=6", "--file=\(path("database.dump"))"], on: settings)
        try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path("database.dump"))
        try SecureFile.write(BackupManifest.encoder.encode(roles), to: path("roles.json"))

        if secrets.pseudonymKey != nil || secrets.auditCheckpointKey != nil {
            try SecureFile.write(Data(secrets.environmentFile.utf8), to: path("keys.env"))
        }
        if let certificateAuthority {
            try files.createDirectory(atPath: path("ca"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let names = try files.contentsOfDirectory(atPath: certificateAuthority).filter {
                var directory: ObjCBool = false
                return files.fileExists(atPath: (certificateAuthority as NSString).appendingPathComponent($0), isDirectory: &directory)
                    && !directory.boolValue
            }
            guard names.contains("ca.key") else { throw BackupError("\(certificateAuthority) holds no ca.key: is it the CA's folder?") }
            for name in names.sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: (certificateAuthority as NSString).appendingPathComponent(name)))
                try SecureFile.write(data, to: path("ca/\(name)"))
            }
        }

        var digests: [String: String] = [:]
        let enumerator = files.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var directory: ObjCBool = false
            guard files.fileExists(atPath: path(name), isDirectory: &directory), !directory.boolValue else { continue }
            digests[name] = try BackupManifest.digest(ofFile: path(name))
        }
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat, productVersion: ProductVersion.current, schemaVersion: schemaVersion,
            database: settings.database, postgresVersion: postgresVersion, createdAt: Date(), auditChainLength: chainLength,
            roles: roles.roles.map(\.name), passwordsIncluded: roles.passwordsIncluded,
            pseudonymKeyIncluded: secrets.pseudonymKey != nil, auditCheckpointKeyIncluded: secrets.auditCheckpointKey != nil,
            certificateAuthorityIncluded: certificateAuthority != nil, files: digests)
        try SecureFile.write(BackupManifest.encoder.encode(manifest), to: path(BackupManifest.fileName))
        return manifest
    }
}
