import CoordinationCore
import CoordinationStorage
import Foundation
import Logging
import PluginAPI
import PluginPackages
import ServiceLifecycle

/// Keeps this instance's active plugins, and each plugin's health, equal to the deployment's
/// installations: reloaded when the database is ready, after a change made here, whenever
/// another instance announces one, and at least every `fallbackInterval`.
struct PluginActivation: Service {
    let plugins: ActivePlugins
    let store: PluginInstallationStore
    /// The packages of packaged plugins, stored on the deployment.
    let packages: PluginPackageStore
    let board: HealthStatusBoard
    /// Wake-ups on ``PluginInstaller/channel``.
    let wakeups: DatabaseWakeups
    let fallbackInterval: Duration
    let logger: Logger

    /// Reads the installations and the stored packages, and activates the enabled plugins.
    func reload() async throws(CoordinationError) {
        let installations = try await store.installations()
        let refused = plugins.activate(
            Set(installations.values.filter(\.enabled).map(\.pluginID)), packaged: try await packagedPlugins())
        for plugin in refused {
            logger.error(
                "a stored plugin package clashes with another plugin and is not served",
                metadata: ["plugin": "\(plugin.manifest.id)"])
        }
        var statuses: [String: HealthStatusBoard.Status] = [:]
        for manifest in plugins.available.manifests {
            let service = PluginLifecycle.healthService(of: manifest.id)
            switch PluginLifecycle.state(of: manifest, installations[manifest.id]) {
            case .installed: statuses[service] = .serving
            case .upgradeAvailable, .disabled: statuses[service] = .notServing
            case .available: break
            }
        }
        await board.setPlugins(statuses)
    }

    /// The plugins of the stored packages: those already read are kept (same digest) and only
    /// the others' files fetched, read and checked again; one that cannot be read is logged and
    /// left out.
    private func packagedPlugins() async throws(CoordinationError) -> [any DepartmentPlugin] {
        var known: [String: PackagedPlugin] = [:]
        for case let plugin as PackagedPlugin in plugins.packaged {
            known[plugin.package.digest] = plugin
        }
        var packaged: [any DepartmentPlugin] = []
        for stored in try await packages.packages(known: Set(known.keys)) {
            if let plugin = known[stored.digest] {
                packaged.append(plugin)
            } else if let file = stored.file {
                do {
                    packaged.append(try PackagedPlugin(file: file))
                } catch {
                    logger.error(
                        "a stored plugin package cannot be read and is not served",
                        metadata: ["plugin": "\(stored.pluginID)", "error": "\(error)"])
                }
            }
        }
        return packaged
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await StreamPump.run(wakeups: await wakeups.subscribe(), fallback: fallbackInterval) {
                    // Before the schema is ready this fails; the readiness check reloads then.
                    guard await board.status(of: "") == .serving else { return }
                    do throws(CoordinationError) {
                        try await reload()
                    } catch {
                        logger.warning("could not reload plugin installations", metadata: ["error": "\(error.message)"])
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown.
        }
    }
}
