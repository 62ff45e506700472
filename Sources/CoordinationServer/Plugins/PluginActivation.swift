import CoordinationCore
import CoordinationStorage
import Logging
import ServiceLifecycle

/// Keeps this instance's active plugins, and each plugin's health, equal to the deployment's
/// installations: reloaded when the database is ready, after a change made here, whenever
/// another instance announces one, and at least every `fallbackInterval`.
struct PluginActivation: Service {
    let plugins: ActivePlugins
    let store: PluginInstallationStore
    let board: HealthStatusBoard
    /// Wake-ups on ``PluginInstaller/channel``.
    let wakeups: DatabaseWakeups
    let fallbackInterval: Duration
    let logger: Logger

    /// Reads the installations and activates the enabled plugins.
    func reload() async throws(CoordinationError) {
        let installations = try await store.installations()
        plugins.activate(Set(installations.values.filter(\.enabled).map(\.pluginID)))
        var statuses: [String: HealthStatusBoard.Status] = [:]
        for manifest in plugins.catalog.manifests {
            let service = PluginLifecycle.healthService(of: manifest.id)
            switch PluginLifecycle.state(of: manifest, installations[manifest.id]) {
            case .installed: statuses[service] = .serving
            case .upgradeAvailable, .disabled: statuses[service] = .notServing
            case .available: break
            }
        }
        await board.setPlugins(statuses)
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
