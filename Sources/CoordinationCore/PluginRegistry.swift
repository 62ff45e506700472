import PluginAPI

/// The department plugins this server runs with, assembled by the executable.
public struct PluginRegistry: Sendable {
    /// The plugins, ordered by identifier.
    public let plugins: [any DepartmentPlugin]

    /// Registers `plugins`; two plugins with one identifier are a configuration fault.
    public init(_ plugins: [any DepartmentPlugin]) throws(CoordinationError) {
        var seen = Set<String>()
        for plugin in plugins where !seen.insert(plugin.manifest.id).inserted {
            throw CoordinationError(
                code: .failedPrecondition, message: "plugin '\(plugin.manifest.id)' is registered twice")
        }
        self.plugins = plugins.sorted { $0.manifest.id < $1.manifest.id }
    }

    /// The manifests of every registered plugin.
    public var manifests: [PluginManifest] { plugins.map(\.manifest) }
}
