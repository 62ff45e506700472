import BuiltInPlugins
import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import GRPCCore
import PluginAPI
import Testing

/// A plugin reaches only what its manifest declares: its own schema and its own record types.
@Suite("Plugin confinement")
struct PluginConfinementTests {
    /// A plugin with no record types whose only migration runs `statement`.
    private static func probe(_ id: String, _ statement: String) -> VariantPlugin {
        VariantPlugin(manifest: PluginManifest(
            id: id, version: "1.0.0", departmentCode: "health", displayName: "Probe", recordTypes: [],
            migrations: [PluginMigration(version: 1, name: "reach out", statements: [statement])]))
    }

    private static let probes: [(plugin: VariantPlugin, refusal: String)] = [
        (probe("probe-core-read", "CREATE TABLE copy AS SELECT * FROM coord.record"), "permission denied for schema coord"),
        (probe("probe-core-write", "DELETE FROM coord.audit_entry"), "permission denied for schema coord"),
        (probe("probe-other-plugin", "CREATE TABLE copy AS SELECT * FROM plugin_public_security.records"),
         "permission denied for schema plugin_public_security"),
        (probe("probe-role", "RESET ROLE"), "security-definer"),
        (probe("probe-owner", "SET ROLE NONE"), "security-definer"),
    ]

    private static func catalog() throws -> PluginRegistry {
        let education = VariantPlugin.education(version: "0.2.0", migrations: [LifecycleMigrations.first])
        let others = try BuiltInPlugins.catalog().plugins.filter { $0.manifest.id != "education" }
        return try PluginRegistry(others + [education] + probes.map(\.plugin))
    }

    @Test("a migration that reaches the core tables, another plugin's schema or the owner's role fails, and nothing is installed")
    func reachRefused() async throws {
        try await TestServer.with(catalog: try Self.catalog()) { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.installPlugins(["public-security"])
            let admin = try server.pki.admin
            let auditBefore = try await server.column("SELECT count(*)::text FROM coord.audit_entry")
            for (probe, refusal) in Self.probes {
                let id = probe.manifest.id
                let error = await #expect(throws: RPCError.self, "\(id)") {
                    try await server.plugins(admin) { try await $0.installPlugin(.with { $0.pluginID = id; $0.version = "1.0.0" }) }
                }
                #expect(error?.code == .failedPrecondition, "\(id)")
                let message = error?.message ?? ""
                #expect(message.contains(refusal), "\(id): \(message)")
                #expect(error?.message.contains("nothing was installed") == true, "\(id)")
                #expect(try await server.pluginState(id) == .available, "\(id)")
                let schema = PluginLifecycle.schema(of: id)
                #expect(try await server.column("SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(schema)'") == ["0"])
            }
            #expect(try await server.column("SELECT count(*)::text FROM coord.plugin_installation") == ["1"])
            #expect(try await server.column("SELECT count(*)::text FROM coord.audit_entry") == auditBefore)
        }
    }

    @Test("a plugin's records view holds its own record types only")
    func ownRecordsOnly() async throws {
        try await TestServer.with(catalog: try Self.catalog()) { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.installPlugins(["public-security", "unions"])
            _ = try await server.sharing(try server.system("public-security")) {
                try await $0.publish(try PublicSecurityFixtures.publish(PublicSecurityFixtures.riskAssessment(1, level: 1), "ps-1"))
            }
            _ = try await server.sharing(try server.system("unions")) {
                try await $0.publish(try UnionsFixtures.publish(UnionsFixtures.eapEnrolment(1), 1))
            }
            // Education's records exist before its plugin is installed again (data kept from an earlier install).
            try await server.installPlugins(["education"])
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(1, risk: 1)) }
            _ = try await server.plugins(try server.pki.admin) { try await $0.uninstallPlugin(.with { $0.pluginID = "education" }) }
            _ = try await server.column("DROP TABLE plugin_education.seen_types")
            _ = try await server.column("DELETE FROM coord.plugin_migration WHERE plugin_id = 'education'")
            try await server.installPlugins(["education"])

            #expect(try await server.column("SELECT record_type FROM plugin_education.seen_types")
                == ["coordination.education.v1.StudentScreeningReport"])
            #expect(try await server.column("SELECT count(*)::text FROM plugin_education.records") == ["1"])
            // Nor can its role read another plugin's view or the core tables directly.
            #expect(try await server.column(
                "SELECT has_table_privilege('coord_plugin_education', 'plugin_public_security.records', 'SELECT')::text") == ["false"])
            #expect(try await server.column(
                "SELECT has_schema_privilege('coord_plugin_education', 'coord', 'USAGE')::text") == ["false"])
        }
    }
}
