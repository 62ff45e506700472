import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import GRPCCore
import Logging
import PluginAPI

/// `coordination.plugins.v1.PluginService`: the plugins built into the server, and their
/// installation by administrators.
struct PluginService: Plugins_PluginService.SimpleServiceProtocol {
    let plugins: ActivePlugins
    let store: PluginInstallationStore
    /// `nil` when the server has no schema-owner connection: changes are then refused.
    let installer: PluginInstaller?
    let activation: PluginActivation
    let clock: any CoordinationClock
    let logger: Logger

    func listPlugins(request: Plugins_ListPluginsRequest, context: ServerContext) async throws -> Plugins_ListPluginsResponse {
        _ = try context.caller(requiring: .pluginsRead)
        let installations = try await store.installations()
        return .with {
            $0.plugins = plugins.catalog.manifests.map { Plugins_Plugin($0, installations[$0.id]) }
        }
    }

    func describePlugin(request: Plugins_DescribePluginRequest, context: ServerContext) async throws -> Plugins_PluginDescription {
        _ = try context.caller(requiring: .pluginsRead)
        let manifest = try manifest(request.pluginID)
        let installation = try await store.installations()[manifest.id]
        return Plugins_PluginDescription(manifest, installation)
    }

    func installPlugin(request: Plugins_InstallPluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let manifest = try manifest(request.pluginID)
        let outcome = try await requireInstaller().install(manifest, reviewedVersion: request.version, by: caller, at: clock.now())
        return await changed(manifest, outcome)
    }

    func upgradePlugin(request: Plugins_UpgradePluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let manifest = try manifest(request.pluginID)
        let outcome = try await requireInstaller().upgrade(manifest, reviewedVersion: request.version, by: caller, at: clock.now())
        return await changed(manifest, outcome)
    }

    func uninstallPlugin(request: Plugins_UninstallPluginRequest, context: ServerContext) async throws -> Plugins_PluginChange {
        let caller = try context.caller(requiring: .pluginsManage)
        let manifest = try manifest(request.pluginID)
        let outcome = try await requireInstaller().uninstall(
            manifest, purge: request.purge, purgeConfirmation: request.purgeConfirmation, by: caller, at: clock.now())
        return await changed(manifest, outcome)
    }

    private func manifest(_ id: String) throws(CoordinationError) -> PluginManifest {
        guard !id.isEmpty else { throw .invalidArgument(field: "plugin_id", "is required") }
        guard let plugin = plugins.catalog.plugin(id: id) else {
            throw CoordinationError(
                code: .notFound,
                message: "no plugin '\(id)' is built into this server; it has \(plugins.catalog.manifests.map(\.id).joined(separator: ", "))")
        }
        return plugin.manifest
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
    private func changed(_ manifest: PluginManifest, _ outcome: PluginChangeOutcome) async -> Plugins_PluginChange {
        do throws(CoordinationError) {
            try await activation.reload()
        } catch {
            logger.warning("plugin change committed; activation deferred", metadata: ["error": "\(error.message)"])
        }
        return .with {
            $0.plugin = Plugins_Plugin(manifest, outcome.installation)
            $0.migrationsApplied = outcome.migrationsApplied.map(Int32.init)
            $0.indicatorsDefined = outcome.indicatorsDefined
            $0.recordsPurged = Int64(outcome.recordsPurged)
        }
    }
}
