import CoordinationAPI
import CoordinationTesting
import GRPCCore
import Testing

/// Uninstalling keeps a plugin's data; purging removes it, after a second confirmation.
@Suite("Plugin uninstall and purge")
struct PluginUninstallTests {
    private static let screeningType = "coordination.education.v1.StudentScreeningReport"

    @Test("uninstall disables the plugin at once and keeps its data; installing again brings it back")
    func uninstallKeepsData() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let admin = try server.pki.admin
            let education = try server.system("education")
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 1)) }

            let change = try await server.plugins(admin) { try await $0.uninstallPlugin(.with { $0.pluginID = "education" }) }
            #expect(change.plugin.state == .disabled && change.recordsPurged == 0)
            #expect(try await server.pluginState("education") == .disabled)
            #expect(try await server.health("coordination.plugins.education") == .notServing)
            let refused = await #expect(throws: RPCError.self) {
                try await server.sharing(education) { try await $0.publish(try Fixtures.screening(2, risk: 1)) }
            }
            #expect(refused?.code == .failedPrecondition)
            // Its views are withdrawn from the database's policy; its records stay.
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.view_grant WHERE record_type = '\(Self.screeningType)'") == ["0"])
            #expect(try await server.column("SELECT count(*)::text FROM coord.record") == ["1"])
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.audit_entry WHERE body LIKE '%plugin.uninstall%data kept%'") == ["1"])
            let twice = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.uninstallPlugin(.with { $0.pluginID = "education" }) }
            }
            #expect(twice?.code == .failedPrecondition)

            let reinstalled = try await server.plugins(admin) {
                try await $0.installPlugin(.with { $0.pluginID = "education"; $0.version = change.plugin.version })
            }
            #expect(reinstalled.migrationsApplied.isEmpty, "migrations run once per deployment")
            #expect(reinstalled.plugin.state == .installed)
            let page = try await server.sharing(education) {
                try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) })
            }
            #expect(page.records.count == 1)
        }
    }

    @Test("purge needs the plugin id typed again, then deletes its records and schema but not other departments' history")
    func purge() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let admin = try server.pki.admin
            let education = try server.system("education")
            // A crisis screening raises an alert (kept as health's history); a routine one does not.
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(2, risk: 1)) }
            _ = try await server.sharing(try server.system("unions")) { try await $0.publish(try UnionsFixtures.publish(UnionsFixtures.eapEnrolment(1), 1)) }
            #expect(try await server.column("SELECT count(*)::text FROM coord.alert") == ["1"])

            for confirmation in ["", "unions"] {
                let unconfirmed = await #expect(throws: RPCError.self) {
                    try await server.plugins(admin) {
                        try await $0.uninstallPlugin(.with { $0.pluginID = "education"; $0.purge = true; $0.purgeConfirmation = confirmation })
                    }
                }
                #expect(unconfirmed?.code == .invalidArgument && unconfirmed?.message.contains("purge_confirmation") == true)
            }
            #expect(try await server.pluginState("education") == .installed)

            let change = try await server.plugins(admin) {
                try await $0.uninstallPlugin(.with { $0.pluginID = "education"; $0.purge = true; $0.purgeConfirmation = "education" })
            }
            #expect(change.recordsPurged == 2)
            #expect(try await server.pluginState("education") == .available)
            // The routine record is gone; the one the alert points at keeps its row, emptied.
            #expect(try await server.column(
                "SELECT fields::text FROM coord.record WHERE record_type = '\(Self.screeningType)'") == ["{}"])
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.record WHERE record_type = '\(Self.screeningType)' AND subject_pseudonym IS NOT NULL") == ["0"])
            #expect(try await server.column("SELECT count(*)::text FROM coord.alert") == ["1"])
            #expect(try await server.column("SELECT count(*)::text FROM coord.record WHERE publisher_department = 'unions'") == ["1"])
            #expect(try await server.column("SELECT count(*)::text FROM pg_namespace WHERE nspname = 'plugin_education'") == ["0"])
            #expect(try await server.column("SELECT count(*)::text FROM coord.plugin_installation WHERE plugin_id = 'education'") == ["0"])
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.audit_entry WHERE body LIKE '%plugin.purge%2 records%'") == ["1"])
        }
    }
}
