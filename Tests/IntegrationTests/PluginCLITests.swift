import CoordinationTesting
import Foundation
import Testing

/// `coord plugin`: administrators review, install and remove plugins from the terminal.
@Suite("Plugin CLI")
struct PluginCLITests {
    @Test("install shows the declarations and asks; --yes confirms; purge asks for the id typed again")
    func lifecycle() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin

            let listed = try await CoordCLI.run(["plugin", "list", "--json"], server: server, as: admin)
            #expect(listed.status == 0)
            let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(rows.first { $0["id"] as? String == "education" }?["state"] as? String == "available")

            // No one at the terminal to answer: nothing is installed.
            let unanswered = try await CoordCLI.run(["plugin", "install", "education"], server: server, as: admin)
            #expect(unanswered.status != 0)
            #expect(unanswered.stdout.contains("Record types:") && unanswered.stdout.contains("Routing rules:"))
            #expect(unanswered.stdout.contains("answers (health, never shared)"))
            #expect(unanswered.stderr.contains("--yes"))
            #expect(try await server.pluginState("education") == .available)

            let coordinator = try await CoordCLI.run(
                ["plugin", "install", "education", "--yes"], server: server, as: try server.person(.coordinator, of: "health"))
            #expect(coordinator.status != 0)
            #expect(coordinator.stderr.contains("plugins.manage"))

            let installed = try await CoordCLI.run(["plugin", "install", "education", "--yes"], server: server, as: admin)
            #expect(installed.status == 0, "\(installed.stderr)")
            #expect(installed.stdout.contains("installed education"))
            let shown = try await CoordCLI.run(["plugin", "show", "education"], server: server, as: admin)
            #expect(shown.stdout.contains("State: installed"))
            #expect(shown.stdout.contains("Health service: coordination.plugins.education"))

            let purgeUnconfirmed = try await CoordCLI.run(
                ["plugin", "uninstall", "education", "--purge", "--yes"], server: server, as: admin)
            #expect(purgeUnconfirmed.status != 0)
            #expect(purgeUnconfirmed.stderr.contains("--confirm-purge education"))
            #expect(try await server.pluginState("education") == .installed)

            let wrongID = try await CoordCLI.run(
                ["plugin", "uninstall", "education", "--purge", "--yes", "--confirm-purge", "unions"], server: server, as: admin)
            #expect(wrongID.status != 0)
            #expect(try await server.pluginState("education") == .installed)

            let purged = try await CoordCLI.run(
                ["plugin", "uninstall", "education", "--purge", "--yes", "--confirm-purge", "education"], server: server, as: admin)
            #expect(purged.status == 0, "\(purged.stderr)")
            #expect(purged.stdout.contains("purged education") && purged.stdout.contains("0 records removed"))
            #expect(try await server.pluginState("education") == .available)
        }
    }
}
