import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import GRPCCore
import Testing

/// Installing and upgrading plugins on a real database, taking effect without a restart.
@Suite("Plugin install and upgrade")
struct PluginLifecycleTests {
    private static let v1 = VariantPlugin.education(version: "0.2.0", migrations: [LifecycleMigrations.first])
    private static let v2 = VariantPlugin.education(
        version: "0.3.0", migrations: [LifecycleMigrations.first, LifecycleMigrations.second])

    @Test("install shows the declarations, runs the migrations, records the version, is audited and takes effect at once")
    func install() async throws {
        try await TestServer.with(catalog: try Self.v1.catalog) { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin
            #expect(try await server.pluginState("education") == .available)
            #expect(try await server.health("coordination.plugins.education") == nil)

            // Not installed: its records are refused with what to do.
            let refused = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(1, risk: 1)) }
            }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message.contains("coord plugin install education") == true)

            // What the administrator reviews.
            let description = try await server.plugins(admin) { try await $0.describePlugin(.with { $0.pluginID = "education" }) }
            let screening = try #require(description.plugin.recordTypes.first { $0.messageName.hasSuffix("StudentScreeningReport") })
            #expect(screening.fields.contains { $0.name == "answers" && $0.publisherOnly })
            #expect(screening.views.allSatisfy { !$0.fields.contains("answers") })
            #expect(screening.views.contains { $0.viewers == ["health"] && $0.legalBases.contains("active-referral") })
            #expect(!description.routingRules.isEmpty)
            #expect(description.migrations.map(\.version) == [1] && description.migrations.allSatisfy { !$0.applied })

            // Only an administrator installs, and only the version reviewed.
            let denied = await #expect(throws: RPCError.self) {
                try await server.plugins(try server.person(.coordinator, of: "health")) {
                    try await $0.installPlugin(.with { $0.pluginID = "education"; $0.version = "0.2.0" })
                }
            }
            #expect(denied?.code == .permissionDenied)
            let unreviewed = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.installPlugin(.with { $0.pluginID = "education" }) }
            }
            #expect(unreviewed?.code == .invalidArgument && unreviewed?.message.contains("version") == true)
            let otherVersion = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.installPlugin(.with { $0.pluginID = "education"; $0.version = "0.1.0" }) }
            }
            #expect(otherVersion?.code == .failedPrecondition)
            let unknown = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.installPlugin(.with { $0.pluginID = "sports"; $0.version = "1.0.0" }) }
            }
            #expect(unknown?.code == .notFound)
            #expect(try await server.column("SELECT count(*)::text FROM coord.plugin_installation") == ["0"])

            let change = try await server.plugins(admin) {
                try await $0.installPlugin(.with { $0.pluginID = "education"; $0.version = "0.2.0" })
            }
            #expect(change.migrationsApplied == [1])
            #expect(change.plugin.state == .installed && change.plugin.installedVersion == "0.2.0")
            #expect(Set(change.indicatorsDefined) == Set(Self.v1.manifest.indicators.map(\.code)))

            // In effect without a restart: records publish, health reports it, views are granted.
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(1, risk: 1)) }
            #expect(try await server.health("coordination.plugins.education") == .serving)
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.view_grant WHERE record_type LIKE 'coordination.education.%'") != ["0"])
            #expect(try await server.column("SELECT version FROM coord.plugin_installation") == ["0.2.0"])
            #expect(try await server.column("SELECT version::text FROM coord.plugin_migration") == ["1"])
            #expect(try await server.column("SELECT count(*)::text FROM plugin_education.seen_types") == ["0"])
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.audit_entry WHERE body LIKE '%plugin.install%education 0.2.0%'") == ["1"])

            let again = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.installPlugin(.with { $0.pluginID = "education"; $0.version = "0.2.0" }) }
            }
            #expect(again?.code == .alreadyExists)
        }
    }

    @Test("an upgrade runs only the new migrations; a downgrade is refused")
    func upgrade() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        try await TestServer.with(catalog: try Self.v1.catalog, sharing: (pki, databases)) { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.installPlugins(["education"])
        }
        // The server restarted with a newer build of the plugin.
        try await TestServer.with(catalog: try Self.v2.catalog, sharing: (pki, databases)) { server in
            let admin = try server.pki.admin
            #expect(try await server.pluginState("education") == .upgradeAvailable)
            #expect(try await server.health("coordination.plugins.education") == .notServing)
            let firstApplied = try await server.column("SELECT applied_at::text FROM coord.plugin_migration WHERE version = 1")

            let change = try await server.plugins(admin) {
                try await $0.upgradePlugin(.with { $0.pluginID = "education"; $0.version = "0.3.0" })
            }
            #expect(change.migrationsApplied == [2])
            #expect(try await server.column("SELECT version FROM coord.plugin_installation") == ["0.3.0"])
            #expect(try await server.column("SELECT version::text FROM coord.plugin_migration ORDER BY 1") == ["1", "2"])
            #expect(try await server.column("SELECT applied_at::text FROM coord.plugin_migration WHERE version = 1") == firstApplied)
            #expect(try await server.column("SELECT count(*)::text FROM plugin_education.school_summary") == ["0"])
            #expect(try await server.health("coordination.plugins.education") == .serving)
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.audit_entry WHERE body LIKE '%plugin.upgrade%education 0.3.0 from 0.2.0%'") == ["1"])

            let current = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.upgradePlugin(.with { $0.pluginID = "education"; $0.version = "0.3.0" }) }
            }
            #expect(current?.code == .failedPrecondition)
        }
        // An older build again: the installed 0.3.0 is not taken back to 0.2.0.
        try await TestServer.with(catalog: try Self.v1.catalog, sharing: (pki, databases)) { server in
            let downgrade = await #expect(throws: RPCError.self) {
                try await server.plugins(try server.pki.admin) {
                    try await $0.upgradePlugin(.with { $0.pluginID = "education"; $0.version = "0.2.0" })
                }
            }
            #expect(downgrade?.code == .failedPrecondition && downgrade?.message.contains("downgrades are refused") == true)
            let installed = try await server.column("SELECT version FROM coord.plugin_installation")
            #expect(installed == ["0.3.0"])
        }
    }

    @Test("an install on one instance takes effect on another without a restart")
    func otherInstance() async throws {
        try await TestServer.with { first in
            try await first.seedDirectory(installingPlugins: false)
            let shared = (pki: first.pki, databases: (runtime: first.runtime, owner: first.owner, superuser: first.superuser))
            try await TestServer.with(sharing: shared) { second in
                #expect(try await second.pluginState("unions") == .available)
                try await first.installPlugins(["unions"])
                var state: Plugins_PluginState?
                var status: Grpc_Health_V1_HealthCheckResponse.ServingStatus?
                for _ in 0..<50 {
                    state = try await second.pluginState("unions")
                    status = try await second.health("coordination.plugins.unions")
                    if status == .serving { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(state == .installed)
                #expect(status == .serving)
            }
        }
    }
}
