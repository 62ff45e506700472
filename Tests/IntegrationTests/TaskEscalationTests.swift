import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationServer
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Overdue tasks escalate along the ladder with a controllable clock, each step once;
/// supervision notices reach the departments asked.
@Suite("Task escalation and supervision")
struct TaskEscalationTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)
    private static let day: TimeInterval = 86_400

    @Test("past due: the lead is told; past the grace period: the office; each exactly once; completed tasks never")
    func escalation() async throws {
        let clock = ManualClock(Self.start)
        try await TestServer.with(configure: {
            $0.clock = clock
            $0.taskEscalationInterval = .milliseconds(100)
        }) { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let decision = try await server.seedDecision()
            let due = Self.start + 2 * Self.day
            let id = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: due))
            }.taskID
            let done = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, title: "done early", lead: "civil-affairs",
                                                                   cooperating: [], due: due))
            }.taskID
            _ = try await server.tasks(try server.system("civil-affairs")) {
                try await $0.completeTask(.with { $0.taskID = done })
            }

            // Nothing is overdue yet.
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "education", kind: "task.overdue").isEmpty)

            // Past the due date: the lead department's stream gets task.overdue.
            let received = try await withThrowingTaskGroup(of: Notices_Notice?.self) { group in
                group.addTask {
                    try await server.withClient(try server.system("education")) {
                        try await Notices_NoticeService.Client(wrapping: $0).subscribe(.with { $0.kind = "task.overdue" }) {
                            for try await event in $0.messages { return event.notice }
                            return nil
                        }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(10))
                    throw TestFailure("no task.overdue notice arrived within 10 s")
                }
                defer { group.cancelAll() }
                try await Task.sleep(for: .milliseconds(300))
                clock.advance(by: 2 * Self.day + 60)
                return try await group.next() ?? nil
            }
            #expect(received?.subject == "task/\(id)")
            #expect(received?.departmentCode == "education")
            let overdueTask = try await server.tasks(coordinator) { try await $0.getTask(.with { $0.taskID = id }) }.task
            #expect(overdueTask.overdue)
            #expect(overdueTask.escalationLevel == 1)
            #expect(try await server.notices(to: "health", kind: "task.escalated").isEmpty)
            let listedOverdue = try await server.tasks(coordinator) {
                try await $0.listTasks(.with { $0.overdueOnly = true }).tasks.map(\.taskID)
            }
            #expect(listedOverdue == [id])

            // Within the grace period (72 h by default) the office hears nothing; after it, it does.
            clock.advance(by: 2 * Self.day)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await server.notices(to: "health", kind: "task.escalated").isEmpty)
            clock.advance(by: Self.day)
            let escalated = try await server.waitForNotices(to: "health", kind: "task.escalated")
            #expect(escalated.map(\.subject) == ["task/\(id)"])

            // Much later, after many sweeps: still exactly one of each, and none for the completed task.
            clock.advance(by: 30 * Self.day)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await server.notices(to: "education", kind: "task.overdue").map(\.subject) == ["task/\(id)"])
            #expect(try await server.notices(to: "health", kind: "task.escalated").map(\.subject) == ["task/\(id)"])
            #expect(try await server.notices(to: "civil-affairs", kind: "task.overdue").isEmpty)
            let detail = try await server.tasks(coordinator) { try await $0.getTask(.with { $0.taskID = id }) }
            #expect(detail.task.escalationLevel == 2)
            #expect(detail.history.map(\.kind) == ["created", "overdue", "escalated"])
            #expect(detail.history.last?.actor == "task-escalator")
        }
    }

    @Test("a supervision notice reaches the lead, the cooperating departments only when asked, and the history")
    func supervision() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let decision = try await server.seedDecision()
            let id = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: Date().addingTimeInterval(10 * Self.day)))
            }.taskID
            let replyBy = Date().addingTimeInterval(3 * Self.day)
            _ = try await server.tasks(coordinator) {
                try await $0.superviseTask(.with {
                    $0.taskID = id
                    $0.message = "report the schools still without a room"
                    $0.replyDueAt = Google_Protobuf_Timestamp(date: replyBy)
                })
            }
            let lead = try await server.notices(to: "education", kind: "task.supervision")
            #expect(lead.count == 1)
            #expect(lead.first?.detail.hasPrefix("report the schools still without a room; reply by") == true)
            #expect(try await server.notices(to: "unions", kind: "task.supervision").isEmpty)

            _ = try await server.tasks(coordinator) {
                try await $0.superviseTask(.with {
                    $0.taskID = id
                    $0.message = "all departments: report by Friday"
                    $0.includeCooperating = true
                })
            }
            #expect(try await server.notices(to: "education", kind: "task.supervision").count == 2)
            #expect(try await server.notices(to: "unions", kind: "task.supervision").map(\.detail) == ["all departments: report by Friday"])
            #expect(try await server.notices(to: "civil-affairs", kind: "task.supervision").count == 1)

            let history = try await server.tasks(try server.system("unions")) {
                try await $0.getTask(.with { $0.taskID = id })
            }.history.filter { $0.kind == "supervised" }
            #expect(history.count == 2)
            #expect(history.first?.hasReplyDueAt == true)
            #expect(history.first?.actor == "coordinator-health")

            let empty = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) { try await $0.superviseTask(.with { $0.taskID = id }) }
            }
            #expect(empty?.code == .invalidArgument)
            #expect(empty?.message.hasPrefix("message:") == true)
            let officer = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.person(.officer, of: "education")) {
                    try await $0.superviseTask(.with {
                        $0.taskID = id
                        $0.message = "hurry"
                    })
                }
            }
            #expect(officer?.code == .permissionDenied)
        }
    }

    @Test("escalation settings come from configuration keys, with defaults")
    func configuration() async throws {
        let required = ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                        "privacy.pseudonym-key": String(repeating: "ab", count: 32)]
        let defaults = try await ServerConfiguration.load(flags: required, environment: [:], file: nil)
        #expect(defaults.taskEscalationInterval == .seconds(60))
        #expect(defaults.taskEscalationGrace == .seconds(72 * 3600))
        #expect(defaults.officeDepartment == "health")
        let set = try await ServerConfiguration.load(
            flags: required.merging(["tasks.escalation-interval-ms": "500", "tasks.escalation-grace-hours": "24"]) { $1 },
            environment: ["COORD_COORDINATION_OFFICE_DEPARTMENT": "political-legal"], file: nil)
        #expect(set.taskEscalationInterval == .milliseconds(500))
        #expect(set.taskEscalationGrace == .seconds(24 * 3600))
        #expect(set.officeDepartment == "political-legal")
        await #expect(throws: CoordinationError.self) {
            _ = try await ServerConfiguration.load(
                flags: required.merging(["tasks.escalation-interval-ms": "0"]) { $1 }, environment: [:], file: nil)
        }
    }
}
