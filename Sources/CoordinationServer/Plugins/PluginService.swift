import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import Logging
import PluginAPI
import PluginPackages

/// `coordination.plugins.v1.PluginService`: the plugins built into the server and those
/// installed from signed packages, their installation by administrators, and the publisher
/// keys packages must be signed with.
struct PluginService: Plugins_PluginService.SimpleServiceProtocol {
    let plugins: ActivePlugins
    let store: PluginInstallationStore
    let packages: PluginPackageStore
    /// `nil` when the server has no schema-owner connection: changes are then refused.
    let installer: PluginInstaller?
    let activation: PluginActivation
    let clock: any CoordinationClock
    let logger: Logger

    func listPlugins(request: Plugins_ListPluginsRequest, context: ServerContext) async throws -> Plugins_ListPluginsResponse {
        _ = try context.caller(requiring: .pluginsRead)
        let installations = try await store.installations()
        return .with {
            $0.plugins = plugins.available.plugins.map { Plugins_Plugin($0, installations[$0.manifest.id]) }
        }
    }

    func describePlugin(request: Plugins_DescribePluginRequest, context: ServerContext) async throws -> Plugins_PluginDescription {
        _ = try context.caller(requiring: .pluginsRead)
        let plugin = try named(request.pluginID)
        let installation = try await store.installations()[plugin.manifest.id]
        return Plugins_PluginDescription(plugin, installation, publishers: try await packages.publishers())
    }

    func installPlugin(request: Plugins_InstallPluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let (plugin, package) = try target(id: request.pluginID, package: request.package)
        let outcome = try await requireInstaller().install(
            plugin.manifest, reviewedVersion: request.version, package: package, by: caller, at: clock.now())
        return await changed(plugin, outcome)
    }

    func upgradePlugin(request: Plugins_UpgradePluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let (plugin, package) = try target(id: request.pluginID, package: request.package)
        if package != nil, request.package.isEmpty {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "'\(plugin.manifest.id)' is installed from a package; upgrade it with the newer package file (coord plugin upgrade <file>)")
        }
        let outcome = try await requireInstaller().upgrade(
            plugin.manifest, reviewedVersion: request.version, package: package, by: caller, at: clock.now())
        return await changed(plugin, outcome)
    }

    func uninstallPlugin(request: Plugins_UninstallPluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let plugin = try named(request.pluginID)
        let outcome = try await requireInstaller().uninstall(
            plugin.manifest, purge: request.purge, purgeConfirmation: request.purgeConfirmation, by: caller, at: clock.now())
        return await changed(plugin, outcome)
    }

    func reviewPackage(request: Plugins_ReviewPackageRequest, context: ServerContext) async throws -> Plugins_PackageReview {
        _ = try context.caller(requiring: .pluginsRead)
        let plugin = try Self.read(request.package, field: "package")
        let installation = try await store.installations()[plugin.manifest.id]
        let publishers = try await packages.publishers()
        let trusted = publishers.contains { $0.publicKey == plugin.package.signer.rawRepresentation }
        return .with {
            $0.description_p = Plugins_PluginDescription(plugin, installation, publishers: publishers)
            $0.signer = $0.description_p.signer
            $0.trusted = trusted
            $0.digest = plugin.package.digest
            $0.verdict = verdict(plugin, installation, trusted: trusted).resolved(in: ServerMessages.catalog(context.language))
        }
    }

    func trustPublisher(request: Plugins_TrustPublisherRequest, context: ServerContext) async throws -> Plugins_Publisher {
        let caller = try context.caller(requiring: .pluginsManage)
        let key: PublisherKey
        do {
            key = try PublisherKey(text: request.publicKey)
        } catch {
            throw CoordinationError.invalidArgument(field: "public_key", Localized(verbatim: "\(error)"))
        }
        let name = request.name.isEmpty ? key.name : request.name
        guard !name.allSatisfy(\.isWhitespace) else {
            throw CoordinationError.invalidArgument(field: "name", "name who holds the key (the key's line names no one)")
        }
        let trusted = try await requireInstaller().trust(
            TrustedPublisher(
                fingerprint: key.fingerprint, publicKey: key.rawRepresentation, name: name, trustedAt: clock.now(),
                trustedBy: caller.name),
            by: caller)
        return Plugins_Publisher(trusted)
    }

    func listPublishers(request: Plugins_ListPublishersRequest, context: ServerContext) async throws -> Plugins_ListPublishersResponse {
        _ = try context.caller(requiring: .pluginsRead)
        let publishers = try await packages.publishers()
        return .with { $0.publishers = publishers.map(Plugins_Publisher.init) }
    }

    func distrustPublisher(request: Plugins_DistrustPublisherRequest, context: ServerContext) async throws -> Plugins_Publisher {
        let caller = try context.caller(requiring: .pluginsManage)
        let fingerprint = request.fingerprint.trimmingCharacters(in: .whitespaces)
        guard fingerprint.count >= 8 else {
            throw CoordinationError.invalidArgument(field: "fingerprint", "give at least 8 characters of the key's fingerprint")
        }
        return Plugins_Publisher(try await requireInstaller().distrust(fingerprint, by: caller, at: clock.now()))
    }

    // MARK: Resolving the plugin a request names

    /// The plugin `id` names, built in or packaged.
    private func named(_ id: String) throws(CoordinationError) -> any DepartmentPlugin {
        guard !id.isEmpty else { throw .invalidArgument(field: "plugin_id", "is required") }
        guard let plugin = plugins.available.plugin(id: id) else {
            throw CoordinationError(
                code: .notFound,
                message: "no plugin '\(id)' is built into this server or installed from a package; it has \(plugins.available.manifests.map(\.id).joined(separator: ", "))")
        }
        return plugin
    }

    /// The plugin an install or upgrade names — by the package file sent, or by id — and the
    /// package it comes from, if any.
    private func target(id: String, package file: Data) throws(CoordinationError) -> (any DepartmentPlugin, SignedPackage?) {
        guard !file.isEmpty else {
            let plugin = try named(id)
            return (plugin, (plugin as? PackagedPlugin)?.signedPackage)
        }
        let plugin = try Self.read(file, field: "package")
        if !id.isEmpty && id != plugin.manifest.id {
            throw CoordinationError.invalidArgument(
                field: "plugin_id", "names '\(id)' but the package holds '\(plugin.manifest.id)'; leave it empty or give the package's id")
        }
        if let clash = clashReason(of: plugin) { throw CoordinationError(code: .failedPrecondition, message: clash) }
        return (plugin, plugin.signedPackage)
    }

    /// Why `plugin`, from a package, cannot sit beside the plugins already known, if it cannot.
    private func clashReason(of plugin: PackagedPlugin) -> Localized? {
        let id = plugin.manifest.id
        if plugins.catalog.plugin(id: id) != nil {
            return "plugin '\(id)' is built into this server; a package cannot replace it"
        }
        for other in plugins.available.plugins where other.manifest.id != id {
            if let type = plugin.manifest.recordTypes.first(where: { type in
                other.manifest.recordTypes.contains { $0.messageName == type.messageName }
            }) {
                return "record type \(type.messageName) of the package is already declared by plugin '\(other.manifest.id)'"
            }
        }
        return nil
    }

    /// Reads a package file, an INVALID_ARGUMENT naming `field` and the reason when it is not
    /// a valid, correctly signed package this server can serve.
    private static func read(_ file: Data, field: String) throws(CoordinationError) -> PackagedPlugin {
        guard !file.isEmpty else { throw .invalidArgument(field: field, "is required: the package file (.coordpkg)") }
        do {
            return try PackagedPlugin(file: file)
        } catch {
            throw .invalidArgument(field: field, "cannot be installed: \(error)")
        }
    }

    /// What installing or upgrading `plugin` would do here, or why it would be refused.
    private func verdict(_ plugin: PackagedPlugin, _ installation: PluginInstallation?, trusted: Bool) -> Localized {
        let manifest = plugin.manifest
        if let clash = clashReason(of: plugin) { return "refused: \(clash)" }
        guard trusted else {
            return "refused: signed by key \(plugin.package.signer.fingerprint), which this deployment does not trust; check the key with its publisher, then coord plugin trust <key.pub>"
        }
        let pending = PluginLifecycle.pendingMigrations(of: manifest, installation).map { String($0.version) }
        let migrations: Localized = pending.isEmpty ? "no migration" : "migrations \(pending.joined(separator: ", "))"
        do throws(CoordinationError) {
            switch PluginLifecycle.state(of: manifest, installation) {
            case .available, .disabled:
                try PluginLifecycle.checkInstall(manifest, installation, reviewedVersion: manifest.version)
                return "install \(manifest.id) \(manifest.version): runs \(migrations), enables \(manifest.recordTypes.count) record types and their views"
            case .upgradeAvailable:
                try PluginLifecycle.checkUpgrade(manifest, installation, reviewedVersion: manifest.version)
                return "upgrade \(manifest.id) from \(installation?.version ?? "") to \(manifest.version): runs \(migrations) and replaces its views"
            case .installed:
                return "\(manifest.id) \(manifest.version) is already installed"
            }
        } catch {
            return "refused: \(error.message)"
        }
    }

    private func requireInstaller() throws(CoordinationError) -> PluginInstaller {
        guard let installer else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "this server has no schema-owner connection (database.migrator in its configuration), which installing needs")
        }
        return installer
    }

    /// Activates the change here at once (other instances hear of it at commit) and answers.
    private func changed(_ plugin: any DepartmentPlugin, _ outcome: PluginChangeOutcome) async -> Plugins_PluginChange {
        do throws(CoordinationError) {
            try await activation.reload()
        } catch {
            logger.warning("plugin change committed; activation deferred", metadata: ["error": "\(error.message)"])
        }
        return .with {
            $0.plugin = Plugins_Plugin(plugin, outcome.installation)
            $0.migrationsApplied = outcome.migrationsApplied.map(Int32.init)
            $0.indicatorsDefined = outcome.indicatorsDefined
            $0.recordsPurged = Int64(outcome.recordsPurged)
        }
    }
}
