import CoordinationCore
import Foundation
import PluginAPI
import Testing

@Suite("Plugin lifecycle rules")
struct PluginLifecycleRulesTests {
    private static func manifest(version: String = "1.2.0", migrations: [Int] = [1, 2, 3]) -> PluginManifest {
        PluginManifest(
            id: "sample", version: version, departmentCode: "health", displayName: "Sample", recordTypes: [],
            migrations: migrations.map { PluginMigration(version: $0, name: "step \($0)", statements: []) })
    }

    private static func installed(_ version: String, enabled: Bool = true, applied: Set<Int> = [1]) -> PluginInstallation {
        PluginInstallation(
            pluginID: "sample", version: version, enabled: enabled, changedAt: Date(), changedBy: "admin", appliedMigrations: applied)
    }

    private struct Sample: DepartmentPlugin { let manifest: PluginManifest }

    @Test("the state follows the installation and the version built in")
    func states() {
        let manifest = Self.manifest()
        #expect(PluginLifecycle.state(of: manifest, nil) == .available)
        #expect(PluginLifecycle.state(of: manifest, Self.installed("1.2.0")) == .installed)
        #expect(PluginLifecycle.state(of: manifest, Self.installed("1.1.0")) == .upgradeAvailable)
        #expect(PluginLifecycle.state(of: manifest, Self.installed("1.2.0", enabled: false)) == .disabled)
    }

    @Test("only the migrations not applied run, in version order")
    func pending() {
        let manifest = Self.manifest(migrations: [3, 1, 2])
        #expect(PluginLifecycle.pendingMigrations(of: manifest, nil).map(\.version) == [1, 2, 3])
        #expect(PluginLifecycle.pendingMigrations(of: manifest, Self.installed("1.1.0", applied: [1, 2])).map(\.version) == [3])
    }

    @Test("install, upgrade and uninstall are allowed only from the right state")
    func transitions() throws {
        let manifest = Self.manifest()
        try PluginLifecycle.checkInstall(manifest, nil, reviewedVersion: "1.2.0")
        try PluginLifecycle.checkInstall(manifest, Self.installed("1.1.0", enabled: false), reviewedVersion: "1.2.0")
        #expect(throws: CoordinationError.self) { try PluginLifecycle.checkInstall(manifest, nil, reviewedVersion: "") }
        #expect(throws: CoordinationError.self) { try PluginLifecycle.checkInstall(manifest, nil, reviewedVersion: "1.1.0") }
        #expect(throws: CoordinationError.self) { try PluginLifecycle.checkInstall(manifest, Self.installed("1.2.0"), reviewedVersion: "1.2.0") }
        // Re-enabling a build older than what was installed would be a downgrade.
        #expect(throws: CoordinationError.self) {
            try PluginLifecycle.checkInstall(manifest, Self.installed("1.10.0", enabled: false), reviewedVersion: "1.2.0")
        }

        try PluginLifecycle.checkUpgrade(manifest, Self.installed("1.1.0"), reviewedVersion: "1.2.0")
        for installation in [nil, Self.installed("1.2.0"), Self.installed("1.1.0", enabled: false), Self.installed("2.0.0")] {
            #expect(throws: CoordinationError.self) { try PluginLifecycle.checkUpgrade(manifest, installation, reviewedVersion: "1.2.0") }
        }

        try PluginLifecycle.checkUninstall(manifest, Self.installed("1.2.0"), purge: false, purgeConfirmation: "")
        try PluginLifecycle.checkUninstall(manifest, Self.installed("1.2.0", enabled: false), purge: true, purgeConfirmation: "sample")
        #expect(throws: CoordinationError.self) {
            try PluginLifecycle.checkUninstall(manifest, Self.installed("1.2.0", enabled: false), purge: false, purgeConfirmation: "")
        }
        #expect(throws: CoordinationError.self) {
            try PluginLifecycle.checkUninstall(manifest, Self.installed("1.2.0"), purge: true, purgeConfirmation: "Sample")
        }
        #expect(throws: CoordinationError.self) { try PluginLifecycle.checkUninstall(manifest, nil, purge: false, purgeConfirmation: "") }
    }

    @Test("versions compare numerically; malformed ones and duplicate migrations are refused at registration")
    func versions() {
        #expect(PluginVersion("1.10.0")! > PluginVersion("1.9.3")!)
        #expect(PluginVersion("1.2") == nil && PluginVersion("1.2.x") == nil && PluginVersion("-1.0.0") == nil)
        #expect(throws: CoordinationError.self) { try PluginRegistry([Sample(manifest: Self.manifest(version: "1.2"))]) }
        #expect(throws: CoordinationError.self) { try PluginRegistry([Sample(manifest: Self.manifest(migrations: [1, 1]))]) }
        #expect(throws: CoordinationError.self) { try PluginRegistry([Sample(manifest: Self.manifest(migrations: [0]))]) }
    }

    @Test("each plugin has its own schema, role and health service name")
    func names() {
        #expect(PluginLifecycle.schema(of: "civil-affairs") == "plugin_civil_affairs")
        #expect(PluginLifecycle.role(of: "civil-affairs") == "coord_plugin_civil_affairs")
        #expect(PluginLifecycle.healthService(of: "civil-affairs") == "coordination.plugins.civil-affairs")
    }
}
