import CoordinationTesting
import Foundation
import Testing

/// What `coord` says when a command is mistyped.
@Suite("CLI messages")
struct CLIMessagesTests {
    @Test("a mistyped subcommand is named, with the nearest one offered and the list of those there are")
    func mistyped() async throws {
        let top = try await CoordCLI.run(["meting", "list"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("unknown command 'meting' for 'coord'; did you mean 'meeting'?"), "\(top.stderr)")
        let nested = try await CoordCLI.run(["meeting", "lst"])
        #expect(nested.stderr.contains("unknown command 'lst' for 'coord meeting'; did you mean 'list'?"), "\(nested.stderr)")
        #expect(nested.stderr.contains("create, list, show"), "\(nested.stderr)")
        let far = try await CoordCLI.run(["xyzzy"])
        #expect(far.stderr.contains("unknown command 'xyzzy' for 'coord'") && !far.stderr.contains("did you mean"), "\(far.stderr)")
        // Known commands, options and help pass through.
        #expect(try await CoordCLI.run(["help", "meeting"]).stdout.contains("OVERVIEW"))
        #expect(try await CoordCLI.run(["meeting", "list", "--help"]).stdout.contains("OVERVIEW"))
    }

    @Test("an empty query says why it may be empty, the same whether records exist or not")
    func emptyQuery() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let unions = try server.system("unions")
            let before = try await CoordCLI.run(["record", "query", "--purpose", "case-management"], server: server, as: unions)
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(5, risk: 1)) }
            let after = try await CoordCLI.run(["record", "query", "--purpose", "case-management"], server: server, as: unions)
            #expect(before.status == 0 && after.status == 0)
            #expect(after.stdout.contains("no records for case-management under statutory-duty"), "\(after.stdout)")
            #expect(after.stdout.contains("no view grants them to your department"), "\(after.stdout)")
            #expect(before.stdout == after.stdout, "the message does not tell whether records exist")
        }
    }

    @Test("--json speaks one style: proto3 JSON names and enum values as the flags' words")
    func jsonStyle() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let id = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "json", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-10 09:00", "--invite", "education", "-q",
            ], server: server, as: coordinator).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = try await CoordCLI.run(["meeting", "show", id, "--json"], server: server, as: coordinator)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            #expect(object["meetingId"] as? String == id, "\(shown.stdout)")
            #expect(object["kind"] as? String == "joint")
            #expect(object["status"] as? String == "draft")
            #expect(object["startsAt"] as? String == "2026-12-10T01:00:00Z")
            #expect(!shown.stdout.contains("MEETING_") && !shown.stdout.contains("_id\""), "\(shown.stdout)")
        }
    }

    @Test("tables fit 100 columns, long values cut with …; --json has them whole")
    func tableWidth() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let title = String(repeating: "Quarterly review of the green channel for student crises ", count: 3)
            let created = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", title, "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-10 09:00", "--invite", "education", "-q",
            ], server: server, as: coordinator)
            #expect(created.status == 0, "\(created.stderr)")
            let table = try await CoordCLI.run(["meeting", "list"], server: server, as: coordinator)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.count <= 100 }, "\(table.stdout)")
            #expect(lines.last?.hasSuffix("…") == true, "\(table.stdout)")
            let json = try await CoordCLI.run(["meeting", "list", "--json"], server: server, as: coordinator)
            #expect(json.stdout.contains(title.trimmingCharacters(in: .whitespaces)), "\(json.stdout)")
        }
    }

    @Test("a field the server refuses is named by the flag that sets it")
    func flagNames() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let officer = try server.person(.officer, of: "health")
            let refused = try await CoordCLI.run(
                ["record", "query", "--purpose", "emergency-response", "--basis", "emergency"], server: server, as: officer)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--justification (context.justification)"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("Usage:"), "no usage line after the server's answer: \(refused.stderr)")
        }
    }
}
