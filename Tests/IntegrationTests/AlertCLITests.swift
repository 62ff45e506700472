import CoordinationAPI
import CoordinationTesting
import Foundation
import Testing

/// `coord alert` against a real server: raise, list (table and JSON), watch with --ack-all, show, ack.
@Suite("Alert CLI")
struct AlertCLITests {
    @Test("coord alert raise/list/watch --ack-all/show/ack: tables for people, JSON for scripts")
    func alertCommands() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let health = try server.person(.officer, of: "health")

            let raised = try await CoordCLI.run(
                ["alert", "raise", "--severity", "critical", "--kind", "violence-risk", "--target", "health,civil-affairs",
                 "--summary", "patient stopped medication", "--json"], server: server, as: police)
            #expect(raised.status == 0, "\(raised.stderr)")
            let raisedJSON = try JSONSerialization.jsonObject(with: Data(raised.stdout.utf8)) as? [String: Any]
            let id = try #require(raisedJSON?["id"] as? String)
            #expect(raisedJSON?["severity"] as? String == "critical")

            let bad = try await CoordCLI.run(
                ["alert", "raise", "--severity", "high", "--kind", "violence-risk", "--target", "nowhere", "--summary", "s"],
                server: server, as: police)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("target_departments[0]"))

            let table = try await CoordCLI.run(["alert", "list"], server: server, as: health)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.first?.contains("SEVERITY") == true)
            let row = try #require(lines.first { $0.hasPrefix(String(id.prefix(8)) + " ") })
            #expect(row.contains("critical"))
            #expect(row.contains("violence-risk"))
            #expect(row.contains("health…"))
            #expect(row.contains("open"))

            let watch = try await CoordCLI.run(["alert", "watch", "--ack-all", "--exit-after", "1"], server: server, as: health)
            #expect(watch.status == 0, "\(watch.stderr)")
            #expect(watch.stdout.contains("ALERT \(id) [CRITICAL] violence-risk from public-security"))
            #expect(watch.stdout.contains("summary: patient stopped medication"))
            #expect(watch.stdout.contains("acknowledged alert \(id) for health"))

            let json = try await CoordCLI.run(["alert", "list", "--json"], server: server, as: health)
            let alerts = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(alerts?.count == 1)
            let targets = alerts?.first?["targets"] as? [[String: Any]]
            #expect(targets?.first { $0["department"] as? String == "health" }?["acknowledged"] as? Bool == true)
            #expect(targets?.first { $0["department"] as? String == "civil-affairs" }?["acknowledged"] as? Bool == false)

            // civil-affairs still owes an acknowledgement: its watcher shows the command to give it.
            let civil = try server.system("civil-affairs")
            let civilWatch = try await CoordCLI.run(["alert", "watch", "--exit-after", "1", "--json"], server: server, as: civil)
            #expect(civilWatch.status == 0, "\(civilWatch.stderr)")
            let line = try JSONSerialization.jsonObject(with: Data(civilWatch.stdout.utf8)) as? [String: Any]
            #expect((line?["alert"] as? [String: Any])?["id"] as? String == id)
            #expect(line?["acknowledged"] as? Bool == false)
            let civilText = try await CoordCLI.run(["alert", "watch", "--exit-after", "1"], server: server, as: civil)
            #expect(civilText.stdout.contains("acknowledge: coord alert ack \(id)"))

            let ack = try await CoordCLI.run(["alert", "ack", id, "--note", "social worker visiting"], server: server, as: civil)
            #expect(ack.status == 0, "\(ack.stderr)")
            #expect(ack.stdout.contains("acknowledged alert \(id) for civil-affairs"))
            let again = try await CoordCLI.run(["alert", "ack", id], server: server, as: civil)
            #expect(again.stdout.contains("already acknowledged"))
            let denied = try await CoordCLI.run(["alert", "ack", id], server: server, as: try server.system("education"))
            #expect(denied.status != 0)
            #expect(denied.stderr.contains("notFound"))

            let show = try await CoordCLI.run(["alert", "show", id], server: server, as: civil)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("acknowledged by all"))
            #expect(show.stdout.contains("social worker v"), "\(show.stdout)")  // cut to fit 100 columns
            let whole = try await CoordCLI.run(["alert", "show", id, "--json"], server: server, as: civil)
            #expect(whole.stdout.contains("social worker visiting"), "\(whole.stdout)")
            #expect(show.stdout.contains("DEPARTMENT"))
        }
    }
}
