import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import Foundation
import Logging
import PluginAPI
import PluginPackages

/// The embedded default: a private PostgreSQL cluster, a development CA with certificates for
/// the server and every dev identity, the schema migrated and the directory seeded.
///
/// Everything lives under one folder (by default `var/` in the project); preparing again
/// reuses what is there.
public struct DevEnvironment: Sendable {
    /// What a prepared environment offers the server.
    public struct Prepared: Sendable {
        public var runtime: DatabaseSettings
        public var owner: DatabaseSettings
        public var caCertificate: String
        public var serverCertificate: String
        public var serverKey: String
        /// Hex secret keying the pseudonyms of national ID numbers.
        public var pseudonymKey: String
        /// Hex seed of the key that signs audit checkpoints.
        public var auditCheckpointKey: String
    }

    public let root: String
    public let postgresPort: Int
    let logger: Logger

    public init(root: String, postgresPort: Int, logger: Logger = Logger(label: "coordination.dev")) {
        self.root = (root as NSString).standardizingPath
        self.postgresPort = postgresPort
        self.logger = logger
    }

    /// The embedded cluster.
    public var postgres: EmbeddedPostgres {
        EmbeddedPostgres(directory: (root as NSString).appendingPathComponent("postgres"), port: postgresPort, logger: logger)
    }

    /// The folder of the dev CA and certificates.
    public var pkiDirectory: String { (root as NSString).appendingPathComponent("pki") }

    /// Starts the cluster, creates missing certificates, migrates, seeds, and installs (or
    /// upgrades) every plugin of `catalog` and the plugin of each folder of `packages`.
    public func prepare(installing catalog: PluginRegistry, packages: [String] = []) async throws -> Prepared {
        let credentials = try await postgres.start()
        let owner = postgres.ownerSettings(credentials)
        try ensureCertificates()
        try await EmbeddedPostgres.withClient(owner, logger: logger) { [logger] client in
            let database = Database(client: client, logger: logger)
            try await Migrator(database: database, runtimeRole: credentials.runtimeUser, logger: logger).migrate()
            try await Self.seed(DirectoryStore(database: database))
            try await Self.seedIndicators(IndicatorStore(database: database))
            try await Self.installPlugins(catalog, database: database)
            try await installPackages(packages, database: database)
        }
        return Prepared(
            runtime: postgres.runtimeSettings(credentials), owner: owner,
            caCertificate: path("ca.crt"), serverCertificate: path("server.crt"), serverKey: path("server.key"),
            pseudonymKey: try secret("pseudonym.key", Pseudonymizer.generateHexSecret),
            auditCheckpointKey: try secret("audit-checkpoint.key", AuditCheckpointKey.generateHex))
    }

    /// Creates the CA, the server certificate and each dev identity's certificate, if missing.
    public func ensureCertificates() throws {
        let authority: CertificateAuthority
        if CertificateAuthority.exists(in: pkiDirectory) {
            authority = try CertificateAuthority.load(from: pkiDirectory)
        } else {
            logger.info("creating development CA", metadata: ["dir": "\(pkiDirectory)"])
            authority = try CertificateAuthority.create(commonName: "Coordination Development CA")
            try authority.save(to: pkiDirectory)
        }
        let ledger = CertificateLedger(directory: pkiDirectory)
        if !FileManager.default.fileExists(atPath: path("server.key")) {
            let server = try authority.issueServer(
                commonName: "localhost", hostnames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"])
            let paths = try server.write(to: pkiDirectory, name: "server")
            try ledger.record(.init(
                serial: server.serial, kind: "server", commonName: "localhost", departmentCode: nil, role: nil,
                notAfter: server.certificate.notValidAfter, certificatePath: paths.certificate))
        }
        for identity in DevIdentity.all where !FileManager.default.fileExists(atPath: path("\(identity.fileName).key")) {
            let credential = try authority.issueClient(
                kind: identity.kind, departmentCode: identity.departmentCode, commonName: identity.commonName)
            let paths = try credential.write(to: pkiDirectory, name: identity.fileName)
            try ledger.record(.init(
                serial: credential.serial, kind: identity.kind == .system ? "system" : "person",
                commonName: identity.commonName, departmentCode: identity.departmentCode,
                role: identity.role?.rawValue,
                notAfter: credential.certificate.notValidAfter, certificatePath: paths.certificate))
        }
    }

    /// Registers the seed jurisdictions and departments that are missing.
    public static func seed(_ directory: DirectoryStore) async throws {
        for jurisdiction in DevSeed.jurisdictions where try await directory.jurisdiction(code: jurisdiction.code) == nil {
            try await directory.create(jurisdiction)
        }
        for department in DevSeed.departments where try await directory.department(code: department.code) == nil {
            try await directory.create(department)
        }
    }

    /// Defines the BRIEF's indicators that are missing (``DevIndicators``), audited as the
    /// dev seed acting for the health commission's office.
    public static func seedIndicators(_ store: IndicatorStore) async throws {
        for indicator in DevIndicators.all where try await store.indicator(code: indicator.code) == nil {
            try await store.define(indicator, by: seeder, at: SystemClock().now())
        }
    }

    /// Installs the plugins of `catalog` that are not installed and upgrades those behind,
    /// audited as the dev seed; one an administrator uninstalled stays so. `database` is a
    /// schema-owner connection.
    public static func installPlugins(_ catalog: PluginRegistry, database: Database) async throws {
        let installer = PluginInstaller(database: database)
        let installations = try await PluginInstallationStore(database: database).installations()
        for manifest in catalog.manifests {
            try await bringUp(manifest, installations[manifest.id], installer: installer)
        }
    }

    /// Installs `manifest` (from `package`, if given) when it is not installed, upgrades it when
    /// an older version is; one an administrator uninstalled stays so.
    private static func bringUp(
        _ manifest: PluginManifest, _ installation: PluginInstallation?, package: SignedPackage? = nil,
        installer: PluginInstaller
    ) async throws {
        switch PluginLifecycle.state(of: manifest, installation) {
        case .available:
            _ = try await installer.install(
                manifest, reviewedVersion: manifest.version, package: package, by: seeder, at: SystemClock().now())
        case .upgradeAvailable:
            _ = try await installer.upgrade(
                manifest, reviewedVersion: manifest.version, package: package, by: seeder, at: SystemClock().now())
        case .installed, .disabled:
            break
        }
    }

    /// Packs each plugin folder of `folders` with the development publisher key (made in the
    /// PKI folder on first use and trusted here), and installs the plugin it holds, or upgrades
    /// it when an older version is installed; one an administrator uninstalled stays so. A
    /// folder that is missing is skipped. `database` is a schema-owner connection.
    public func installPackages(_ folders: [String], database: Database) async throws {
        let folders = folders.filter { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("plugin.json")) }
        guard !folders.isEmpty else { return }
        let key = try developmentPublisherKey()
        let installer = PluginInstaller(database: database)
        let publisher = key.publisherKey
        let trusted = try await PluginPackageStore(database: database).publishers()
        if !trusted.contains(where: { $0.fingerprint == publisher.fingerprint }) {
            _ = try await installer.trust(
                TrustedPublisher(
                    fingerprint: publisher.fingerprint, publicKey: publisher.rawRepresentation, name: publisher.name,
                    trustedAt: SystemClock().now(), trustedBy: Self.seeder.name),
                by: Self.seeder)
        }
        let installations = try await PluginInstallationStore(database: database).installations()
        for folder in folders {
            let plugin = try PackagedPlugin(package: try PackageBuilder(folder: URL(fileURLWithPath: folder)).build(signedBy: key))
            let manifest = plugin.manifest
            try await Self.bringUp(manifest, installations[manifest.id], package: plugin.signedPackage, installer: installer)
            logger.info("development plugin package", metadata: ["plugin": "\(manifest.id)", "version": "\(manifest.version)"])
        }
    }

    /// The development publisher's signing key, `dev-publisher.key` in the PKI folder.
    private func developmentPublisherKey() throws -> PackageSigningKey {
        let file = path("dev-publisher.key")
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            return try PackageSigningKey(text: text, name: "Development publisher")
        }
        let key = PackageSigningKey(name: "Development publisher")
        try SecureFile.write(key.text, to: file)
        return key
    }

    /// Who the dev seed acts as in the audit trail: the health commission's office.
    static let seeder = Caller(kind: .system, departmentCode: "health", name: "dev-seed", certificateSerial: "")

    /// The secret kept in `name` under the root, created with `generate` (mode 0600) on first use.
    public func secret(_ name: String, _ generate: () -> String) throws -> String {
        let file = (root as NSString).appendingPathComponent(name)
        if let existing = try? String(contentsOfFile: file, encoding: .utf8) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let secret = generate()
        try SecureFile.write(secret + "\n", to: file)
        return secret
    }

    private func path(_ name: String) -> String { (pkiDirectory as NSString).appendingPathComponent(name) }
}
