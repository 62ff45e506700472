import Synchronization

/// The plugins a running server serves: those built into it (the catalog) that are installed
/// and enabled on the deployment. Replaced whole when an installation changes, on this
/// instance or another; readers take one consistent snapshot per request.
///
/// ```swift
/// let active = ActivePlugins(catalog: try BuiltInPlugins.catalog())
/// active.activate(["education"])
/// active.current.recordType(named: "coordination.education.v1.StudentScreeningReport")
/// ```
public final class ActivePlugins: Sendable {
    /// Every plugin built into the server, installed or not.
    public let catalog: PluginRegistry
    private let active: Mutex<PluginRegistry>

    /// Starts with `active` plugins of `catalog` (none by default).
    public init(catalog: PluginRegistry, active ids: Set<String> = []) {
        self.catalog = catalog
        self.active = Mutex(catalog.restricted(to: ids))
    }

    /// A snapshot of the active plugins.
    public var current: PluginRegistry { active.withLock { $0 } }

    /// Makes exactly the catalog plugins named in `ids` active.
    public func activate(_ ids: Set<String>) {
        let registry = catalog.restricted(to: ids)
        active.withLock { $0 = registry }
    }
}
