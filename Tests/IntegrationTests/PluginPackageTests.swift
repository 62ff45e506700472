import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import PluginPackages
import Testing

/// Plugin packages on a running server: only packages signed by a trusted key install; the
/// health package's record types are served like compiled-in ones — decoded from its
/// descriptors, walled by its views (from a risk grade up), routed by its rules, audited with
/// its signer — on every instance without a restart; upgrades run only new migrations,
/// downgrades are refused, uninstall and purge work as for built-in plugins.
@Suite("Plugin packages")
struct PluginPackageTests {
    @Test("an untrusted or tampered package is refused and nothing changes; a trusted one installs on one instance and serves on another")
    func install() async throws {
        let key = PackageSigningKey(name: "County Health Commission IT")
        let package = try HealthPackage.build(signedBy: key)
        try await TestServer.with { first in
            try await first.seedDirectory(installingPlugins: false)
            let admin = try first.pki.admin
            let shared = (pki: first.pki, databases: (runtime: first.runtime, owner: first.owner, superuser: first.superuser))

            // Signed by a key no one trusted: reviewed as such, refused on install.
            let review = try await first.plugins(admin) { try await $0.reviewPackage(.with { $0.package = package.file }) }
            #expect(!review.trusted)
            #expect(review.verdict.contains("does not trust"))
            #expect(review.signer.fingerprint == key.publisherKey.fingerprint)
            #expect(review.description_p.plugin.recordTypes.map(\.messageName).contains(HealthPackage.registrationType))
            let untrusted = await #expect(throws: RPCError.self) {
                try await first.plugins(admin) { try await $0.installPlugin(.with { $0.package = package.file; $0.version = "1.0.0" }) }
            }
            #expect(untrusted?.code == .failedPrecondition)
            #expect(untrusted?.message.contains(key.publisherKey.fingerprint) == true)

            // Only an administrator trusts a key.
            let notAdmin = await #expect(throws: RPCError.self) {
                try await first.plugins(try first.person(.coordinator, of: "health")) {
                    try await $0.trustPublisher(.with { $0.publicKey = key.publisherKey.text })
                }
            }
            #expect(notAdmin?.code == .permissionDenied)
            let trusted = try await first.plugins(admin) { try await $0.trustPublisher(.with { $0.publicKey = key.publisherKey.text }) }
            #expect(trusted.fingerprint == key.publisherKey.fingerprint && trusted.name == "County Health Commission IT")

            // Changed after signing: refused with the reason, whoever signed it.
            let tampered = await #expect(throws: RPCError.self) {
                try await first.plugins(admin) {
                    try await $0.installPlugin(.with { $0.package = try HealthPackage.tampered(package); $0.version = "1.0.0" })
                }
            }
            #expect(tampered?.code == .invalidArgument)
            #expect(tampered?.message.contains("changed after signing") == true)
            #expect(try await first.column("SELECT count(*)::text FROM coord.plugin_installation WHERE plugin_id = 'health'") == ["0"])
            #expect(try await first.column("SELECT count(*)::text FROM coord.plugin_package") == ["0"])

            try await TestServer.with(sharing: shared) { second in
                let change = try await first.plugins(admin) {
                    try await $0.installPlugin(.with { $0.package = package.file; $0.version = "1.0.0" })
                }
                #expect(change.plugin.packaged && change.plugin.state == .installed)
                #expect(change.migrationsApplied == [1])
                #expect(Set(change.indicatorsDefined).isSuperset(of: ["smd-standard-management"]))
                let audited = try await first.column(
                    "SELECT body FROM coord.audit_entry WHERE body LIKE '%plugin.install%health 1.0.0%'")
                #expect(audited.count == 1)
                #expect(audited.first?.contains("package signed by County Health Commission IT (\(key.publisherKey.fingerprint))") == true)

                // The other instance loads it from the database, without a restart.
                var state: Plugins_PluginState?
                for _ in 0..<50 {
                    state = try await second.pluginState("health")
                    if state == .installed, try await second.health("coordination.plugins.health") == .serving { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(state == .installed)

                // Published on the second instance from JSON encoded with the package's descriptors only.
                let grade3 = try await second.sharing(try second.system("health")) {
                    try await $0.publish(try HealthPackage.registration(1, grade: 3, package: package))
                }
                #expect(grade3.opened.contains { $0.kind == .task && Set($0.departments).isSuperset(of: ["health", "public-security"]) })
                #expect(grade3.opened.contains { $0.kind == .alert && $0.departments.contains("public-security") })
                let grade2 = try await second.sharing(try second.system("health")) {
                    try await $0.publish(try HealthPackage.registration(2, grade: 2, package: package))
                }
                #expect(grade2.opened.isEmpty)

                // A record that breaks the package's rules is refused, naming the field.
                let invalid = await #expect(throws: RPCError.self) {
                    try await second.sharing(try second.system("health")) {
                        try await $0.publish(try HealthPackage.registration(3, grade: 7, package: package))
                    }
                }
                #expect(invalid?.code == .invalidArgument)
                #expect(invalid?.message.contains("record.risk_grade") == true)
                // Bytes that are not the type's encoding: a clear reason, not a fault.
                let garbage = await #expect(throws: RPCError.self) {
                    try await second.sharing(try second.system("health")) {
                        try await $0.publish(.with {
                            $0.requestID = "garbage"
                            $0.jurisdictionCode = "demo-county.chengguan.dongmen"
                            $0.record = .with { $0.typeURL = "type.googleapis.com/\(HealthPackage.registrationType)"; $0.value = Data([0x0A, 0xFF]) }
                        })
                    }
                }
                #expect(garbage?.code == .invalidArgument)

                // Public security sees identity and address of grade ≥ 3 only, and never the diagnosis.
                for server in [first, second] {
                    let police = try await server.sharing(try server.system("public-security")) {
                        try await $0.query(.with {
                            $0.context = Fixtures.context(.followUp, .statutoryDuty)
                            $0.recordType = HealthPackage.registrationType
                        }).records
                    }
                    #expect(police.count == 1)
                    let fields = police.first?.fields.fields ?? [:]
                    #expect(fields["name"]?.stringValue == "患者1")
                    #expect(fields["address"] != nil && fields["risk_grade"]?.numberValue == 3)
                    #expect(fields["diagnosis"] == nil && fields["medication"] == nil)
                }
                // Political-legal sees every grade, general fields only; unions see nothing.
                let politicalLegal = try await second.sharing(try second.system("political-legal")) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
                        $0.recordType = HealthPackage.registrationType
                    }).records
                }
                #expect(politicalLegal.count == 2)
                #expect(politicalLegal.allSatisfy { $0.fields.fields["name"] == nil && $0.subjectPseudonym.isEmpty })
                let unions = try await second.sharing(try second.system("unions")) {
                    try await $0.query(.with { $0.context = Fixtures.context(.followUp, .statutoryDuty) }).records
                }
                #expect(unions.isEmpty)

                // A person's audit history does not tell public security that a grade 2 patient is registered.
                let history = try await second.withClient(try second.person(.coordinator, of: "public-security")) {
                    try await Audit_AuditService.Client(wrapping: $0).subjectHistory(.with {
                        $0.nationalID = Fixtures.nationalID(2)
                        $0.context = Fixtures.context(.followUp, .statutoryDuty)
                    }).entries
                }
                #expect(!history.contains { $0.recordTypes.contains(HealthPackage.registrationType) || $0.action == "record.publish" })

                // The database walls the grade too: its grant row carries the minimum.
                #expect(try await first.column(
                    """
                    SELECT minimum_risk_level::text FROM coord.view_grant
                    WHERE record_type = '\(HealthPackage.registrationType)' AND viewer_department = 'public-security'
                      AND purpose = 'follow-up'
                    """) == ["3"])
            }
        }
    }

    @Test("an upgrade from a newer package runs only its new migrations; an older one is refused; uninstall keeps data, purge removes it")
    func lifecycle() async throws {
        let key = PackageSigningKey(name: "County Health Commission IT")
        let v1 = try HealthPackage.build(signedBy: key)
        let v11 = try HealthPackage.build(
            signedBy: key, version: "1.1.0",
            extraMigration: "CREATE VIEW registrations_by_grade AS SELECT risk_level, count(*) AS n FROM records GROUP BY 1;")
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin
            _ = try await server.plugins(admin) { try await $0.trustPublisher(.with { $0.publicKey = key.publisherKey.text }) }
            _ = try await server.plugins(admin) { try await $0.installPlugin(.with { $0.package = v1.file; $0.version = "1.0.0" }) }
            _ = try await server.sharing(try server.system("health")) {
                try await $0.publish(try HealthPackage.registration(1, grade: 4, package: v1))
            }

            let review = try await server.plugins(admin) { try await $0.reviewPackage(.with { $0.package = v11.file }) }
            #expect(review.trusted && review.description_p.plugin.state == .upgradeAvailable)
            #expect(review.verdict.contains("upgrade health from 1.0.0 to 1.1.0"))
            let upgraded = try await server.plugins(admin) {
                try await $0.upgradePlugin(.with { $0.package = v11.file; $0.version = "1.1.0" })
            }
            #expect(upgraded.migrationsApplied == [2])
            #expect(try await server.column("SELECT n::text FROM plugin_health.registrations_by_grade") == ["1"])
            #expect(try await server.column("SELECT version FROM coord.plugin_package") == ["1.1.0"])

            let downgrade = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.upgradePlugin(.with { $0.package = v1.file; $0.version = "1.0.0" }) }
            }
            #expect(downgrade?.code == .failedPrecondition)
            #expect(try await server.column("SELECT version FROM coord.plugin_installation WHERE plugin_id = 'health'") == ["1.1.0"])

            // Another key's package of the same plugin is refused once that key is distrusted.
            _ = try await server.plugins(admin) { try await $0.distrustPublisher(.with { $0.fingerprint = key.publisherKey.fingerprint }) }
            let v12 = try HealthPackage.build(signedBy: key, version: "1.2.0")
            let distrusted = await #expect(throws: RPCError.self) {
                try await server.plugins(admin) { try await $0.upgradePlugin(.with { $0.package = v12.file; $0.version = "1.2.0" }) }
            }
            #expect(distrusted?.code == .failedPrecondition)

            // Uninstalled: records refused, data kept; purged: records, schema and package gone.
            _ = try await server.plugins(admin) { try await $0.uninstallPlugin(.with { $0.pluginID = "health" }) }
            #expect(try await server.pluginState("health") == .disabled)
            let refused = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) {
                    try await $0.publish(try HealthPackage.registration(2, grade: 1, package: v1))
                }
            }
            #expect(refused?.code == .failedPrecondition)
            #expect(try await server.column(
                "SELECT count(*)::text FROM coord.record WHERE record_type LIKE 'coordination.health.%'") == ["1"])
            let purged = try await server.plugins(admin) {
                try await $0.uninstallPlugin(.with { $0.pluginID = "health"; $0.purge = true; $0.purgeConfirmation = "health" })
            }
            #expect(purged.recordsPurged == 1)
            #expect(try await server.column("SELECT count(*)::text FROM coord.plugin_package") == ["0"])
            #expect(try await server.column("SELECT count(*)::text FROM pg_namespace WHERE nspname = 'plugin_health'") == ["0"])
            #expect(try await server.pluginState("health") == nil)
        }
    }
}
