import CoordinationAPI
import CoordinationCore
import GRPCCore

/// `coordination.plugins.v1.PluginService`: the department plugins this server runs.
struct PluginCatalogService: Plugins_PluginService.SimpleServiceProtocol {
    let registry: PluginRegistry

    func listPlugins(request: Plugins_ListPluginsRequest, context: ServerContext) async throws -> Plugins_ListPluginsResponse {
        _ = try context.caller(requiring: .pluginsRead)
        return .with {
            $0.plugins = registry.manifests.map { manifest in
                .with {
                    $0.id = manifest.id
                    $0.version = manifest.version
                    $0.departmentCode = manifest.departmentCode
                    $0.displayName = manifest.displayName
                    $0.recordTypes = manifest.recordTypes.map { type in
                        .with {
                            $0.messageName = type.messageName
                            $0.description_p = type.description
                        }
                    }
                }
            }
        }
    }
}
