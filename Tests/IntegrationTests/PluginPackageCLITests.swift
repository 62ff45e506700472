import CoordinationTesting
import Foundation
import Testing

/// `coord plugin` for packages: a publisher makes a key and packs a folder; an administrator
/// trusts the key, reviews the file and installs it — in English and in Chinese.
@Suite("Plugin package CLI")
struct PluginPackageCLITests {
    @Test("keygen, pack, trust, show <file>, install <file>, publishers, distrust")
    func packageLifecycle() async throws {
        let folder = NSTemporaryDirectory() + "coord-pack-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = folder + "/publisher.key"
        let package = folder + "/health-1.0.0.coordpkg"

        let made = try await CoordCLI.run(["plugin", "keygen", "--name", "County Health IT", "--out", key])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("coord plugin trust \(key).pub"))
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let again = try await CoordCLI.run(["plugin", "keygen", "--name", "x", "--out", key])
        #expect(again.status != 0 && again.stderr.contains("exists"))

        let packed = try await CoordCLI.run(["plugin", "pack", HealthPackage.folder.path, "--key", key, "--out", package])
        #expect(packed.status == 0, "\(packed.stderr)")
        #expect(packed.stdout.contains("health 1.0.0, 3 record types"))
        let broken = try await CoordCLI.run(["plugin", "pack", folder, "--key", key])
        #expect(broken.status != 0 && broken.stderr.contains("plugin.json"))

        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin

            // Reviewed before the key is trusted: everything declared, and why it would be refused.
            let review = try await CoordCLI.run(["plugin", "show", package], server: server, as: admin)
            #expect(review.status == 0, "\(review.stderr)")
            #expect(review.stdout.contains("coordination.health.v1.PatientRegistration"))
            #expect(review.stdout.contains("only of records at risk level 3 or above"))
            #expect(review.stdout.contains("does not trust the key"))
            let refused = try await CoordCLI.run(["plugin", "install", package, "--yes"], server: server, as: admin)
            #expect(refused.status != 0 && refused.stderr.contains("not trusted"))
            #expect(try await server.pluginState("health") == nil)

            let trusted = try await CoordCLI.run(["plugin", "trust", key + ".pub", "--yes"], server: server, as: admin)
            #expect(trusted.status == 0, "\(trusted.stderr)")
            #expect(trusted.stdout.contains("Trusted ed25519:") && trusted.stdout.contains("County Health IT"))
            let publishers = try await CoordCLI.run(["plugin", "publishers"], server: server, as: admin)
            #expect(publishers.stdout.contains("County Health IT"))

            let chinese = try await CoordCLI.run(
                ["plugin", "show", package], server: server, as: admin, environment: ["LANG": "zh_CN.UTF-8"])
            #expect(chinese.stdout.contains("本部署信任该密钥"), "\(chinese.stdout)")
            #expect(chinese.stdout.contains("结论：安装 health 1.0.0"), "\(chinese.stdout)")

            let installed = try await CoordCLI.run(["plugin", "install", package, "--yes"], server: server, as: admin)
            #expect(installed.status == 0, "\(installed.stderr)")
            #expect(installed.stdout.contains("installed health 1.0.0"))
            let listed = try await CoordCLI.run(["plugin", "list", "--json"], server: server, as: admin)
            let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
            #expect((rows.first { $0["id"] as? String == "health" }?["publisher"] as? String)?.hasPrefix("County Health Commission") == true)
            #expect(rows.first { $0["id"] as? String == "education" }?["publisher"] == nil)
            #expect(try await server.pluginState("health") == .installed)

            // A packaged type published by hand, encoded with the package file's descriptors.
            let record = """
                {"national_id": "\(Fixtures.nationalID(5))", "name": "患者", "address": "东门社区", "township_code": "chengguan",
                 "diagnosis": "DIAGNOSIS_BIPOLAR", "registered_at": "2026-11-02T08:00:00Z", "risk_grade": 4,
                 "register_status": "REGISTER_STATUS_ACTIVE"}
                """
            let published = try await CoordCLI.run(
                ["record", "publish", "--package", package, "--type", "coordination.health.v1.PatientRegistration",
                 "--jurisdiction", "demo-county.chengguan", "--record", record],
                server: server, as: try server.system("health"))
            #expect(published.status == 0, "\(published.stderr)")
            #expect(published.stdout.contains("opened task") && published.stdout.contains("opened alert"))
            let unknown = try await CoordCLI.run(
                ["record", "publish", "--type", "coordination.health.v1.PatientRegistration",
                 "--jurisdiction", "demo-county.chengguan", "--record", record],
                server: server, as: try server.system("health"))
            #expect(unknown.status != 0 && unknown.stderr.contains("--package"))

            let fingerprint = String(trusted.stdout.split(separator: " ")[1].prefix(20))
            let distrusted = try await CoordCLI.run(["plugin", "distrust", fingerprint, "--yes"], server: server, as: admin)
            #expect(distrusted.status == 0, "\(distrusted.stderr)")
            #expect(distrusted.stdout.contains("keep working until uninstalled"))
            let none = try await CoordCLI.run(["plugin", "publishers"], server: server, as: admin)
            #expect(none.stdout.contains("No publisher key is trusted"))
        }
    }
}
