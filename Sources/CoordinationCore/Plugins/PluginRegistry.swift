import PluginAPI

/// A set of department plugins: those built into the executable, or those active on a deployment.
public struct PluginRegistry: Sendable {
    /// The plugins, ordered by identifier.
    public let plugins: [any DepartmentPlugin]

    /// Registers `plugins`; two plugins with one identifier are a configuration fault.
    public init(_ plugins: [any DepartmentPlugin]) throws(CoordinationError) {
        var seen = Set<String>()
        var types = Set<String>()
        for plugin in plugins {
            try Self.checkManifest(plugin.manifest)
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

    private init(sorted plugins: [any DepartmentPlugin]) {
        self.plugins = plugins
    }

    /// No plugins.
    public static let empty = PluginRegistry(sorted: [])

    /// A manifest the lifecycle can handle: a plain identifier, a semantic version, migrations
    /// numbered from 1 without repeats.
    static func checkManifest(_ manifest: PluginManifest) throws(CoordinationError) {
        let id = manifest.id
        guard let first = id.first, first.isASCII, first.isLowercase, id.count <= 41,
              id.allSatisfy({ $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) })
        else {
            throw CoordinationError(code: .failedPrecondition, message: "plugin id '\(id)' must be lower-case letters, digits and hyphens")
        }
        guard PluginVersion(manifest.version) != nil else {
            throw CoordinationError(code: .failedPrecondition, message: "plugin '\(id)' version '\(manifest.version)' is not MAJOR.MINOR.PATCH")
        }
        let versions = manifest.migrations.map(\.version)
        guard versions.allSatisfy({ $0 > 0 }), Set(versions).count == versions.count else {
            throw CoordinationError(
                code: .failedPrecondition, message: "plugin '\(id)' migrations must have distinct versions from 1")
        }
    }

    /// Only the plugins whose identifiers are in `ids`.
    public func restricted(to ids: Set<String>) -> PluginRegistry {
        PluginRegistry(sorted: plugins.filter { ids.contains($0.manifest.id) })
    }

    /// The plugin with identifier `id`.
    public func plugin(id: String) -> (any DepartmentPlugin)? { plugins.first { $0.manifest.id == id } }

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
