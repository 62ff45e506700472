import CoordinationCore
import EducationPlugin
import PluginAPI
import Testing

@Suite("Plugin registry")
struct PluginRegistryTests {
    @Test("the education plugin registers with its record types")
    func education() throws {
        let registry = try PluginRegistry([EducationPlugin()])
        #expect(registry.manifests.map(\.id) == ["education"])
        #expect(registry.manifests[0].departmentCode == "education")
        #expect(registry.manifests[0].recordTypes.map(\.messageName).contains("coordination.education.v1.StudentScreeningReport"))
    }

    @Test("two plugins with one id are refused")
    func duplicate() {
        #expect(throws: CoordinationError.self) { try PluginRegistry([EducationPlugin(), EducationPlugin()]) }
    }
}
