import CoordinationAPI
import CoordinationTesting
import Foundation
import Testing

/// `coord task` and `coord plan` against a real server.
@Suite("Task CLI")
struct TaskCLITests {
    @Test("coord plan create/show and coord task create/list/show/progress: tables for people, JSON for scripts")
    func taskCommands() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let education = try server.system("education")

            let plan = try await CoordCLI.run(
                ["plan", "create", "--title", "County plan 2026", "--jurisdiction", "demo-county", "--year", "2026",
                 "--phase", "mobilisation:2026-01-01:2026-02-28", "--phase", "promotion:2026-03-01:2026-09-30", "--json"],
                server: server, as: coordinator)
            #expect(plan.status == 0, "\(plan.stderr)")
            let planJSON = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any]
            let planID = try #require(planJSON?["id"] as? String)
            #expect((planJSON?["phases"] as? [[String: Any]])?.compactMap { $0["phase"] as? String } == ["mobilisation", "promotion"])

            let badPhase = try await CoordCLI.run(
                ["plan", "create", "--title", "x", "--jurisdiction", "demo-county", "--year", "2026",
                 "--phase", "promotion:2026-01-01:2026-02-28", "--phase", "mobilisation:2026-03-01:2026-09-30"],
                server: server, as: coordinator)
            #expect(badPhase.status != 0)
            #expect(badPhase.stderr.contains("phases[1].phase"))

            let created = try await CoordCLI.run(
                ["task", "create", "--title", "Counselling rooms in schools", "--lead", "education",
                 "--cooperating", "civil-affairs,unions", "--priority", "high", "--plan", planID, "--phase", "mobilisation"],
                server: server, as: coordinator)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("led by education, due 2026-02-28 23:59"))
            // The phase ended long ago by the real clock, so the task is overdue at once.
            let taskID = try #require(created.stdout.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })

            let table = try await CoordCLI.run(["task", "list"], server: server, as: coordinator)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.first?.contains("LEAD") == true)
            // Cut to fit 100 columns; --json has them whole.
            let row = try #require(lines.first { $0.contains("Counselling roo") }, "\(table.stdout)")
            #expect(row.contains("education"))
            #expect(row.contains("civil-affairs,u"))
            #expect(row.contains("OVERDUE"))

            let json = try await CoordCLI.run(["task", "list", "--json"], server: server, as: education)
            #expect(json.status == 0, "\(json.stderr)")
            let tasks = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(tasks?.count == 1)
            #expect(tasks?.first?["id"] as? String == taskID)
            #expect(tasks?.first?["leadDepartment"] as? String == "education")
            #expect(tasks?.first?["overdue"] as? Bool == true)
            #expect(tasks?.first?["workPlanPhase"] as? String == "mobilisation")

            let progress = try await CoordCLI.run(
                ["task", "progress", taskID, "--status", "blocked", "--percent", "30", "--note", "waiting for the budget"],
                server: server, as: education)
            #expect(progress.status == 0, "\(progress.stderr)")
            #expect(progress.stdout.contains("task is in-progress"))
            let tooMuch = try await CoordCLI.run(
                ["task", "progress", taskID, "--status", "in-progress", "--percent", "101"], server: server, as: education)
            #expect(tooMuch.status != 0)
            #expect(tooMuch.stderr.contains("invalidArgument") || tooMuch.stderr.contains("percent"))

            let show = try await CoordCLI.run(["task", "show", taskID], server: server, as: education)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("waiting for the budget"))
            #expect(show.stdout.contains("blocked"))
            let justice = try await CoordCLI.run(["task", "list", "--json"], server: server, as: try server.system("justice"))
            #expect((try JSONSerialization.jsonObject(with: Data(justice.stdout.utf8)) as? [Any])?.isEmpty == true)

            let planShow = try await CoordCLI.run(["plan", "show", planID], server: server, as: coordinator)
            #expect(planShow.stdout.contains("County plan 2026"))
            #expect(planShow.stdout.contains("Counselling rooms in sc"), "\(planShow.stdout)")  // cut to fit
        }
    }
}
