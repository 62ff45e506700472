import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// Each department reads its own notices, listed or streamed, resuming from a cursor.
@Suite("Notices")
struct NoticeTests {
    private static func draft(_ department: String, _ kind: String, _ n: Int) -> NoticeDraft {
        NoticeDraft(to: department, kind: NoticeKind(rawValue: kind), subject: "task/\(n)", title: "notice \(n)")
    }

    @Test("a department lists only its own notices; kinds filter; posting once by key")
    func listing() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.post([
                Self.draft("education", "task.assigned", 1), Self.draft("health", "task.assigned", 2),
                Self.draft("education", "task.overdue", 3),
            ])
            var once = Self.draft("education", "task.escalated", 4)
            once.onceKey = "task/4/escalation/2"
            try await server.post([once])
            try await server.post([once])

            let education = try server.system("education")
            #expect(try await server.allNotices(education).map(\.title) == ["notice 1", "notice 3", "notice 4"])
            #expect(try await server.allNotices(education, kind: "task.overdue").map(\.title) == ["notice 3"])
            #expect(try await server.allNotices(try server.person(.officer, of: "health")).map(\.title) == ["notice 2"])

            let page = try await server.notices(education) { try await $0.listNotices(.with { $0.pageSize = 2 }) }
            #expect(page.notices.map(\.title) == ["notice 1", "notice 3"])
            let rest = try await server.notices(education) { try await $0.listNotices(.with { $0.cursor = page.nextCursor }) }
            #expect(rest.notices.map(\.title) == ["notice 4"])
            #expect(rest.nextCursor.isEmpty)
        }
    }

    @Test("the stream delivers stored notices, then new ones; a resumed stream has no gap or repeat")
    func stream() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let education = try server.system("education")
            try await server.post([Self.draft("education", "meeting.convened", 1)])
            async let live = server.receiveNotices(2, as: education)
            try await Task.sleep(for: .milliseconds(500))
            try await server.post([Self.draft("health", "meeting.convened", 2), Self.draft("education", "task.assigned", 3)])
            let first = try await live
            #expect(first.map(\.notice.title) == ["notice 1", "notice 3"])

            try await server.post([Self.draft("education", "task.overdue", 4), Self.draft("education", "task.overdue", 5)])
            let resumed = try await server.receiveNotices(2, as: education, after: first.last!.cursor)
            #expect(resumed.map(\.notice.title) == ["notice 4", "notice 5"])
            #expect(Set((first + resumed).map(\.notice.noticeID)).count == 4)
        }
    }

    @Test("administrators hold no notices.read; a foreign cursor is INVALID_ARGUMENT")
    func denials() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let denied = await #expect(throws: RPCError.self) { _ = try await server.allNotices(try server.pki.admin) }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.contains("'notices.read'") == true)
            let recordsCursor = Data("records:5".utf8).base64EncodedString()
            let invalid = await #expect(throws: RPCError.self) {
                _ = try await server.notices(try server.system("education")) {
                    try await $0.listNotices(.with { $0.cursor = recordsCursor })
                }
            }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.message.contains("cursor") == true)
        }
    }

    @Test("coord notice list prints a table, or JSON with --json")
    func cli() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.post([Self.draft("education", "task.assigned", 1)])
            let education = try server.system("education")
            let table = try await CoordCLI.run(["notice", "list"], server: server, as: education)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("POSTED") == true)
            #expect(lines.count == 2)
            #expect(lines.last?.contains("task.assigned") == true && lines.last?.contains("notice 1") == true)

            let json = try await CoordCLI.run(["notice", "list", "--json"], server: server, as: education)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let notices = object?["notices"] as? [[String: Any]]
            #expect(notices?.first?["title"] as? String == "notice 1")

            let denied = try await CoordCLI.run(["notice", "list"], server: server, as: try server.pki.admin)
            #expect(denied.status == 1)
            #expect(denied.stderr.contains("permissionDenied") || denied.stderr.contains("permission"))
        }
    }
}
