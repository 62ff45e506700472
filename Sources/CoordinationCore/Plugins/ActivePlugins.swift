import PluginAPI
import Synchronization

/// The plugins a running server serves: those built into it (the catalog) and those installed
/// from packages, each only while it is installed and enabled on the deployment. Replaced whole
/// when an installation changes, on this instance or another; readers take one consistent
/// snapshot per request.
///
/// ```swift
/// let active = ActivePlugins(catalog: try BuiltInPlugins.catalog())
/// active.activate(["education"])
/// active.current.recordType(named: "coordination.education.v1.StudentScreeningReport")
/// ```
public final class ActivePlugins: Sendable {
    /// Every plugin built into the server, installed or not.
    public let catalog: PluginRegistry
    private let state: Mutex<State>

    private struct State {
        /// Built-in and packaged plugins, installed or not.
        var available: PluginRegistry
        var active: PluginRegistry
    }

    /// Starts with `active` plugins of `catalog` (none by default).
    public init(catalog: PluginRegistry, active ids: Set<String> = []) {
        self.catalog = catalog
        self.state = Mutex(State(available: catalog, active: catalog.restricted(to: ids)))
    }

    /// A snapshot of the active plugins.
    public var current: PluginRegistry { state.withLock { $0.active } }

    /// Every plugin this instance knows of: those built into it and those whose packages are
    /// stored on the deployment, installed or not.
    public var available: PluginRegistry { state.withLock { $0.available } }

    /// The packaged plugins known, as last activated.
    public var packaged: [any DepartmentPlugin] {
        let builtIn = Set(catalog.manifests.map(\.id))
        return available.plugins.filter { !builtIn.contains($0.manifest.id) }
    }

    /// Makes exactly the plugins named in `ids` active, among those built in and `packaged`.
    /// A packaged plugin that clashes with a known one (same id or record type) is left out
    /// and returned, so the caller can report it.
    @discardableResult
    public func activate(_ ids: Set<String>, packaged: [any DepartmentPlugin] = []) -> [any DepartmentPlugin] {
        var available = catalog
        var refused: [any DepartmentPlugin] = []
        for plugin in packaged {
            if let registry = try? PluginRegistry(available.plugins + [plugin]) {
                available = registry
            } else {
                refused.append(plugin)
            }
        }
        let registry = available.restricted(to: ids)
        state.withLock { $0 = State(available: available, active: registry) }
        return refused
    }
}
