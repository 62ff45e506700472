import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// The per-department evaluation (督导评估): tasks on time, late and overdue, indicators met,
/// and feedback only the department itself and coordinators read.
@Suite("EvaluationTests")
struct EvaluationTests {
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text + "T00:00:00Z")!
    }

    /// Inserts tasks as the schema owner: (lead, due, status, completed).
    static func insertTasks(_ server: TestServer, _ tasks: [(String, String, String, String?)]) async throws {
        try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
            let plan = UUID()
            let created = date("2025-01-01")
            try await client.query(
                """
                INSERT INTO coord.work_plan (id, title, jurisdiction_code, year, created_by, created_at)
                VALUES (\(plan), 'plan', 'demo-county', 2025, 'test', \(created))
                """, logger: TestLog.logger)
            try await client.query(
                """
                INSERT INTO coord.work_plan_phase (work_plan_id, phase, position, starts_at, ends_at)
                VALUES (\(plan), 'promotion', 2, \(created), \(date("2026-12-31")))
                """, logger: TestLog.logger)
            for (index, task) in tasks.enumerated() {
                let id = UUID()
                let completed = task.3.map(date)
                let verified: Date? = task.2 == "verified" ? completed : nil
                try await client.query(
                    """
                    INSERT INTO coord.task (id, title, lead_department, priority, jurisdiction_code, due_at, work_plan_id,
                                            work_plan_phase, status, created_by, created_at, completed_at, verified_at)
                    VALUES (\(id), \("task \(index)"), \(task.0), 'normal', 'demo-county', \(date(task.1)), \(plan),
                            'promotion', \(task.2), 'test', \(created), \(completed), \(verified))
                    """, logger: TestLog.logger)
                try await client.query(
                    "INSERT INTO coord.task_department (task_id, department_code, role) VALUES (\(id), \(task.0), 'lead')",
                    logger: TestLog.logger)
            }
        }
    }

    @Test("tasks due in the year count on time, late, overdue and open; owned indicators are judged at county level")
    func figures() async throws {
        let clock = ManualClock(Self.date("2025-10-01"))
        try await TestServer.with(configure: { $0.clock = clock }) { server in
            try await server.seedIndicatorTree()
            try await Self.insertTasks(server, [
                ("civil-affairs", "2025-03-31", "verified", "2025-03-30"),  // on time
                ("civil-affairs", "2025-06-30", "completed", "2025-06-30"),  // on time (on the day)
                ("civil-affairs", "2025-04-30", "completed", "2025-05-10"),  // late
                ("civil-affairs", "2025-08-31", "in_progress", nil),  // overdue
                ("civil-affairs", "2025-09-15", "returned", nil),  // overdue (returned is not complete)
                ("civil-affairs", "2025-12-31", "open", nil),  // open, not due yet
                ("civil-affairs", "2024-12-31", "open", nil),  // another year
                ("education", "2025-05-01", "open", nil),  // another department
            ])
            let coordinator = try server.pki.coordinator
            _ = try await server.indicators(coordinator) {
                try await $0.defineIndicator(IndicatorFixtures.define(steps: [(50, "2025-12-31"), (80, "2026-12-31")]))
            }
            _ = try await server.indicators(coordinator) {
                try await $0.defineIndicator(IndicatorFixtures.define(steps: [(60, "2025-12-31")], code: "second-rooms"))
            }
            try await server.report(IndicatorFixtures.values2020, period: "2025")  // county 16/28 = 57.1%
            try await server.report(IndicatorFixtures.values2020, period: "2025", code: "second-rooms")

            let response = try await server.evaluation(coordinator) { try await $0.evaluate(.with { $0.year = 2025 }) }
            #expect(response.departments.count == DevSeed.departments.count)
            let civil = try #require(response.departments.first { $0.departmentCode == "civil-affairs" })
            #expect([civil.tasks.total, civil.tasks.onTime, civil.tasks.late, civil.tasks.overdue, civil.tasks.open] == [6, 2, 1, 2, 1])
            #expect(civil.indicatorsMet == 1 && civil.indicatorsNotMet == 1 && civil.indicatorsNotReported == 0)
            let outcomes = Dictionary(uniqueKeysWithValues: civil.indicators.map { ($0.indicatorCode, $0) })
            #expect(outcomes[IndicatorFixtures.rooms]?.status == "met")
            #expect(outcomes[IndicatorFixtures.rooms]?.displayValue == "57.1%")
            #expect(outcomes[IndicatorFixtures.rooms]?.jurisdictionCode == "demo-county")
            #expect(outcomes["second-rooms"]?.status == "not-met")
            #expect(outcomes["second-rooms"]?.displayThreshold == "≥60.0%")
            let education = try #require(response.departments.first { $0.departmentCode == "education" })
            #expect([education.tasks.total, education.tasks.overdue] == [1, 1])
            #expect(education.indicators.isEmpty)
        }
    }

    @Test("coordinators write feedback; a department reads only its own evaluation")
    func feedbackAndDenials() async throws {
        let clock = ManualClock(Self.date("2026-01-15"))
        try await TestServer.with(configure: { $0.clock = clock }) { server in
            try await server.seedIndicatorTree()
            let written = try await server.evaluation(try server.pki.coordinator) {
                try await $0.recordFeedback(.with {
                    $0.year = 2025
                    $0.departmentCode = "civil-affairs"
                    $0.text = "Rooms on track; close the two overdue tasks."
                })
            }
            #expect(written.writtenAt.date == Self.date("2026-01-15"))
            let own = try await server.evaluation(try server.person(.officer, of: "civil-affairs")) {
                try await $0.evaluate(.with { $0.year = 2025 })
            }
            #expect(own.departments.map(\.departmentCode) == ["civil-affairs"])
            #expect(own.departments.first?.feedback.text == "Rooms on track; close the two overdue tasks.")

            let other = await #expect(throws: RPCError.self) {
                try await server.evaluation(try server.system("education")) {
                    try await $0.evaluate(.with {
                        $0.year = 2025
                        $0.departmentCode = "civil-affairs"
                    })
                }
            }
            #expect(other?.code == .permissionDenied)
            let officerWrites = await #expect(throws: RPCError.self) {
                try await server.evaluation(try server.person(.officer, of: "civil-affairs")) {
                    try await $0.recordFeedback(.with {
                        $0.year = 2025
                        $0.departmentCode = "civil-affairs"
                        $0.text = "all fine"
                    })
                }
            }
            #expect(officerWrites?.code == .permissionDenied)
            let badYear = await #expect(throws: RPCError.self) {
                try await server.evaluation(try server.pki.coordinator) {
                    try await $0.recordFeedback(.with {
                        $0.year = 2025
                        $0.departmentCode = ""
                        $0.text = ""
                    })
                }
            }
            #expect(badYear?.code == .invalidArgument)
            #expect(badYear?.message.contains("department_code") == true && badYear?.message.contains("text") == true)
            // A year outside 2000–2100 is refused at the request limits.
            let absurdYear = await #expect(throws: RPCError.self) {
                try await server.evaluation(try server.pki.coordinator) {
                    try await $0.recordFeedback(.with {
                        $0.year = 25
                        $0.departmentCode = "civil-affairs"
                        $0.text = "ok"
                    })
                }
            }
            #expect(absurdYear?.code == .invalidArgument)
            #expect(absurdYear?.message.contains("year") == true)
            let notices = try await server.withClient(try server.system("civil-affairs")) {
                try await Notices_NoticeService.Client(wrapping: $0).listNotices(.with { $0.kind = "evaluation.feedback" })
            }
            #expect(notices.notices.map(\.subject) == ["evaluation/2025/civil-affairs"])
        }
    }
}
