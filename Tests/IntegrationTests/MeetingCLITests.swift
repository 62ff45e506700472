import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import Testing

/// `coord meeting …` as people and scripts use it.
@Suite("MeetingCLITests")
struct MeetingCLITests {
    @Test("create, list as a table and as JSON, show, live on an ended meeting, compliance; clear errors")
    func commands() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let created = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "联席会议 CLI", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-01T09:00:00Z", "--invite", "education,civil-affairs", "--lead", "health",
            ], server: server, as: coordinator)
            #expect(created.status == 0, "\(created.stderr)")
            let id = try #require(created.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
            #expect(created.stdout.contains("quorum 2"))

            let table = try await CoordCLI.run(["meeting", "list"], server: server, as: coordinator)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("TITLE") == true)
            #expect(lines.count == 2)
            #expect(lines.last?.contains("联席会议 CLI") == true && lines.last?.contains("draft") == true)
            // 09:00 UTC is 17:00 in the county, and says so (once, in the heading).
            #expect(lines.first?.contains("STARTS (+08:00)") == true && lines.last?.contains("2026-12-01 17:00") == true, "\(table.stdout)")

            let json = try await CoordCLI.run(["meeting", "list", "--json"], server: server, as: coordinator)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["title"] as? String == "联席会议 CLI")
            #expect(rows.first?["id"] as? String == id)

            // --limit stops after that many and says there is more; without it both come back.
            let second = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "第二次联席会议", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-02T09:00:00Z", "--invite", "education",
            ], server: server, as: coordinator)
            #expect(second.status == 0, "\(second.stderr)")
            let limited = try await CoordCLI.run(["meeting", "list", "--limit", "1", "--json"], server: server, as: coordinator)
            let firstOnly = try #require(try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [[String: Any]])
            #expect(firstOnly.map { $0["title"] as? String } == ["第二次联席会议"])
            #expect(limited.stderr.contains("showing the first 1"))
            let both = try await CoordCLI.run(["meeting", "list", "--limit", "2"], server: server, as: coordinator)
            #expect(both.stdout.split(separator: "\n").count == 3 && !both.stderr.contains("showing"))
            let zero = try await CoordCLI.run(["meeting", "list", "--limit", "0"], server: server, as: coordinator)
            #expect(zero.status != 0 && zero.stderr.contains("--limit must be at least 1"))

            let show = try await CoordCLI.run(["meeting", "show", id], server: server, as: coordinator)
            #expect(show.stdout.contains("health") && show.stdout.contains("lead") && show.stdout.contains("civil-affairs"))

            let denied = try await CoordCLI.run(["meeting", "convene", id], server: server, as: try server.person(.officer, of: "education"))
            #expect(denied.status != 0)
            #expect(denied.stderr.contains("meetings.manage"))
            let badKind = try await CoordCLI.run(["meeting", "list", "--kind", "party"], server: server, as: coordinator)
            #expect(badKind.status != 0)
            #expect(badKind.stderr.contains("unknown kind 'party'"))
            let unknownDepartment = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "x", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-01T09:00:00Z", "--invite", "health,ministry-of-magic",
            ], server: server, as: coordinator)
            #expect(unknownDepartment.status != 0)
            #expect(unknownDepartment.stderr.contains("invitees[1].department_code"))

            _ = try await CoordCLI.run(["meeting", "agenda-add", id, "--title", "Rooms", "--presenter", "education"], server: server, as: coordinator)
            _ = try await CoordCLI.run(["meeting", "convene", id], server: server, as: coordinator)
            let cancelled = try await CoordCLI.run(["meeting", "cancel", id, "--reason", "typhoon"], server: server, as: coordinator)
            #expect(cancelled.status == 0, "\(cancelled.stderr)")
            // The meeting has ended: live prints its last snapshot and returns.
            let live = try await CoordCLI.run(["meeting", "live", id], server: server, as: try server.system("education"))
            #expect(live.status == 0, "\(live.stderr)")
            #expect(live.stdout.contains("cancelled") && live.stdout.contains("present 0/2"))
            let liveJSON = try await CoordCLI.run(["meeting", "live", id, "--json"], server: server, as: coordinator)
            let snapshot = try #require(
                try JSONSerialization.jsonObject(with: Data(liveJSON.stdout.split(separator: "\n")[0].utf8)) as? [String: Any])
            #expect(snapshot["status"] as? String == "cancelled")

            let compliance = try await CoordCLI.run(["meeting", "compliance", "--from", "2025", "--to", "2026"], server: server, as: coordinator)
            #expect(compliance.status == 0, "\(compliance.stderr)")
            #expect(compliance.stdout.split(separator: "\n").filter { $0.contains("demo-county") }.count == 2)
            #expect(compliance.stdout.contains("2025") && compliance.stdout.contains("Demo County"))
        }
    }
}
