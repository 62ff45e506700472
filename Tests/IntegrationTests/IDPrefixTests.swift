import CoordinationClient
import CoordinationTesting
import Foundation
import Testing

/// Ids people can type: a unique prefix stands for the id; lists show the first 8 characters.
@Suite("Id prefixes")
struct IDPrefixTests {
    @Test("a prefix matches one id, none, or several, which are all named")
    func matching() {
        let ids = ["a931dbf9-0000-4000-8000-000000000001", "a931ffff-0000-4000-8000-000000000002", "b0000000-0000-4000-8000-000000000003"]
        #expect(IDPrefix.match("a931d", among: ids) == .unique(ids[0]))
        #expect(IDPrefix.match("A931DBF9", among: ids) == .unique(ids[0]))
        #expect(IDPrefix.match("a931", among: ids) == .ambiguous([ids[0], ids[1]]))
        #expect(IDPrefix.match("c000", among: ids) == .none)
        #expect(IDPrefix.short(ids[2]) == "b0000000")
    }

    @Test("coord takes a prefix of an id wherever it takes the id, and says when it matches nothing")
    func cli() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let created = try await CoordCLI.run([
                "meeting", "create", "--kind", "joint", "--title", "prefix", "--jurisdiction", "demo-county",
                "--starts-at", "2026-12-10 09:00", "--invite", "education", "-q",
            ], server: server, as: coordinator)
            let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let short = String(id.prefix(8))

            let list = try await CoordCLI.run(["meeting", "list"], server: server, as: coordinator)
            #expect(list.stdout.split(separator: "\n").last?.hasPrefix(short + " ") == true, "\(list.stdout)")
            #expect(!list.stdout.contains(id), "lists show short ids")

            let shown = try await CoordCLI.run(["meeting", "show", short], server: server, as: coordinator)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains(id))
            let convened = try await CoordCLI.run(["meeting", "convene", String(id.prefix(5))], server: server, as: coordinator)
            #expect(convened.status == 0, "\(convened.stderr)")

            let unknown = String(short.reversed()) == short ? "0000aaaa" : String(short.reversed())
            let none = try await CoordCLI.run(["meeting", "show", unknown], server: server, as: coordinator)
            #expect(none.status != 0)
            #expect(none.stderr.contains("no meeting you may see has an id starting with '\(unknown)'"), "\(none.stderr)")
            let tooShort = try await CoordCLI.run(["meeting", "show", "ab"], server: server, as: coordinator)
            #expect(tooShort.status != 0)
            #expect(tooShort.stderr.contains("at least its first 4 characters"), "\(tooShort.stderr)")

            // Another department cannot reach it by prefix either.
            let other = try await CoordCLI.run(["meeting", "show", short], server: server, as: try server.system("unions"))
            #expect(other.status != 0)
            #expect(other.stderr.contains("no meeting you may see"), "\(other.stderr)")
        }
    }
}
