import PluginAPI

/// The department plugins this server runs with, assembled by the executable.
public struct PluginRegistry: Sendable {
    /// The plugins, ordered by identifier.
    public let plugins: [any DepartmentPlugin]

    /// Registers `plugins`; two plugins with one identifier are a configuration fault.
    public init(_ plugins: [any DepartmentPlugin]) throws(CoordinationError) {
        var seen = Set<String>()
        var types = Set<String>()
        for plugin in plugins {
            guard seen.insert(plugin.manifest.id).inserted else {
                throw CoordinationError(
                    code: .failedPrecondition, message: "plugin '\(plugin.manifest.id)' is registered twice")
            }
            for type in plugin.manifest.recordTypes where !types.insert(type.messageName).inserted {
                throw CoordinationError(
                    code: .failedPrecondition, message: "record type '\(type.messageName)' is declared twice")
            }
        }
        self.plugins = plugins.sorted { $0.manifest.id < $1.manifest.id }
    }

    /// The manifests of every registered plugin.
    public var manifests: [PluginManifest] { plugins.map(\.manifest) }

    /// Every record type of every plugin.
    public var recordTypes: [RecordTypeDeclaration] { plugins.flatMap(\.manifest.recordTypes) }

    /// The record type named `messageName`, with the plugin that owns it.
    public func recordType(named messageName: String) -> (type: RecordTypeDeclaration, owner: PluginManifest)? {
        for plugin in plugins {
            if let type = plugin.manifest.recordTypes.first(where: { $0.messageName == messageName }) {
                return (type, plugin.manifest)
            }
        }
        return nil
    }
}
