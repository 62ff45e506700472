import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import SwiftProtobuf
import Testing

/// Tasks over the real server: from a decision and from a work-plan phase, the full
/// lifecycle, permissions and validation.
@Suite("Tasks")
struct TaskTests {
    private let inAMonth = Date().addingTimeInterval(30 * 86_400)

    @Test("decision → task: lead and cooperating departments are stored and notified; unknown or unadopted decisions are refused")
    func fromDecision() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let decision = try await server.seedDecision()
            let task = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: inAMonth))
            }
            #expect(task.status == .open)
            #expect(task.leadDepartment == "education")
            #expect(task.cooperatingDepartments == ["civil-affairs", "unions"])
            #expect(task.decisionID == decision.uuidString.lowercased())
            #expect(task.jurisdictionCode == "demo-county")  // the meeting's
            #expect(task.priority == .high)
            #expect(!task.overdue)

            // The schema the evaluation reads: coord.task and coord.task_department.
            let rows = try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                var roles: [String: String] = [:]
                for try await (code, role) in try await client.query(
                    "SELECT department_code, role FROM coord.task_department WHERE task_id = \(UUID(uuidString: task.taskID)!)",
                    logger: TestLog.logger
                ).decode((String, String).self) { roles[code] = role }
                return roles
            }
            #expect(rows == ["education": "lead", "civil-affairs": "cooperating", "unions": "cooperating"])

            for department in ["education", "civil-affairs", "unions"] {
                let assigned = try await server.notices(to: department, kind: "task.assigned")
                #expect(assigned.map(\.subject) == ["task/\(task.taskID)"], "\(department)")
            }
            #expect(try await server.notices(to: "justice", kind: "task.assigned").isEmpty)
            #expect(try await server.notices(to: "education", kind: "task.assigned").first?.title.contains("(lead)") == true)

            // Unknown decision: INVALID_ARGUMENT naming decision_id.
            let unknown = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) {
                    try await $0.createTask(TaskFixtures.fromDecision(UUID(), due: inAMonth))
                }
            }
            #expect(unknown?.code == .invalidArgument)
            #expect(unknown?.message.contains("decision_id") == true)

            // A rejected decision makes no tasks.
            let rejected = try await server.seedDecision(status: "rejected")
            let refused = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) {
                    try await $0.createTask(TaskFixtures.fromDecision(rejected, due: inAMonth))
                }
            }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message.contains("only an adopted decision") == true)
        }
    }

    @Test("full lifecycle: reports by lead and cooperating, completion by the lead, return with a reason, sign-off")
    func lifecycle() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let education = try server.system("education")
            let civilAffairs = try server.person(.officer, of: "civil-affairs")
            let decision = try await server.seedDecision()
            let id = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: inAMonth))
            }.taskID

            // Sign-off before completion is refused.
            let early = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) { try await $0.verifyTask(.with { $0.taskID = id }) }
            }
            #expect(early?.code == .failedPrecondition)
            #expect(early?.message == "task is open; the lead department must complete it first")

            // Each department reports its own part.
            let first = try await server.tasks(education) {
                try await $0.reportProgress(TaskFixtures.report(id, .inProgress, 40, note: "12 of 30 schools"))
            }
            #expect(first.task.status == .inProgress)
            let second = try await server.tasks(civilAffairs) {
                try await $0.reportProgress(TaskFixtures.report(id, .doneOwnPart, 100, note: "social workers assigned"))
            }
            #expect(second.progress.map(\.departmentCode) == ["education", "civil-affairs", "unions"])
            #expect(second.progress.map(\.percent) == [40, 100, 0])
            #expect(second.progress.map(\.status) == [.inProgress, .doneOwnPart, .unspecified])
            #expect(second.progress[1].reportedBy == "officer-civil-affairs")

            let stillInProgress = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) { try await $0.verifyTask(.with { $0.taskID = id }) }
            }
            #expect(stillInProgress?.message == "task is in progress; the lead department must complete it first")

            // A cooperating department cannot complete or sign off.
            let cooperating = await #expect(throws: RPCError.self) {
                try await server.tasks(civilAffairs) { try await $0.completeTask(.with { $0.taskID = id }) }
            }
            #expect(cooperating?.code == .permissionDenied)
            #expect(cooperating?.message.contains("only the lead department completes") == true)
            let cooperatingVerify = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.system("civil-affairs")) { try await $0.verifyTask(.with { $0.taskID = id }) }
            }
            #expect(cooperatingVerify?.code == .permissionDenied)
            #expect(cooperatingVerify?.message.contains("tasks.manage") == true)

            // The lead completes; its own part becomes 100%.
            let completed = try await server.tasks(education) {
                try await $0.completeTask(.with {
                    $0.taskID = id
                    $0.note = "rooms in all 30 schools"
                })
            }
            #expect(completed.status == .completed)
            #expect(completed.hasCompletedAt)

            // Returning needs a reason; with one, the task goes back to the lead, who is told.
            let noReason = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) { try await $0.returnTask(.with { $0.taskID = id }) }
            }
            #expect(noReason?.code == .invalidArgument)
            #expect(noReason?.message.contains("reason") == true)
            let returned = try await server.tasks(coordinator) {
                try await $0.returnTask(.with {
                    $0.taskID = id
                    $0.reason = "no evidence for the Xin'an schools"
                })
            }
            #expect(returned.status == .returned)
            #expect(!returned.hasCompletedAt)
            let returnedNotices = try await server.notices(to: "education", kind: "task.returned")
            #expect(returnedNotices.count == 1)
            #expect(returnedNotices.first?.detail == "no evidence for the Xin'an schools")
            #expect(try await server.notices(to: "civil-affairs", kind: "task.returned").isEmpty)

            // The lead completes again; the coordinator signs off.
            _ = try await server.tasks(education) { try await $0.completeTask(.with { $0.taskID = id }) }
            let verified = try await server.tasks(coordinator) {
                try await $0.verifyTask(.with {
                    $0.taskID = id
                    $0.note = "checked on site"
                })
            }
            #expect(verified.status == .verified)
            #expect(verified.hasVerifiedAt)
            #expect(verified.completedAt.date <= verified.dueAt.date)

            let again = await #expect(throws: RPCError.self) {
                try await server.tasks(education) {
                    try await $0.reportProgress(TaskFixtures.report(id, .inProgress, 10))
                }
            }
            #expect(again?.code == .failedPrecondition)

            // The history tells the whole story, and every change is in the audit chain.
            let detail = try await server.tasks(education) { try await $0.getTask(.with { $0.taskID = id }) }
            #expect(detail.history.map(\.kind) == [
                "created", "progress", "progress", "completed", "returned", "completed", "verified",
            ])
            #expect(detail.progress.first?.percent == 100)
            #expect(try await server.auditEvents(aboutTask: id).map(\.action) == [
                "task.created", "task.progress", "task.progress", "task.completed", "task.returned", "task.completed",
                "task.verified",
            ])
        }
    }

    @Test("permissions: officers cannot create; departments not on a task cannot see or report on it")
    func permissions() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let decision = try await server.seedDecision()
            let officerCreates = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.person(.officer, of: "education")) {
                    try await $0.createTask(TaskFixtures.fromDecision(decision, due: inAMonth))
                }
            }
            #expect(officerCreates?.code == .permissionDenied)
            #expect(officerCreates?.message.contains("tasks.manage") == true)

            let id = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: inAMonth))
            }.taskID
            let other = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(
                    decision, title: "Hotline staffing", lead: "health", cooperating: ["justice"], due: inAMonth))
            }.taskID

            let justice = try server.system("justice")
            let reports = await #expect(throws: RPCError.self) {
                try await server.tasks(justice) { try await $0.reportProgress(TaskFixtures.report(id, .inProgress, 10)) }
            }
            // A task a department is not on does not exist for it: reporting on it or completing
            // it answers as reading it does, so no answer tells that it exists.
            #expect(reports?.code == .notFound)
            let sees = await #expect(throws: RPCError.self) {
                try await server.tasks(justice) { try await $0.getTask(.with { $0.taskID = id }) }
            }
            #expect(sees?.code == .notFound)
            let completes = await #expect(throws: RPCError.self) {
                try await server.tasks(justice) { try await $0.completeTask(.with { $0.taskID = id }) }
            }
            #expect(completes?.code == .notFound)

            // Listings: a department sees only the tasks it is on; coordinators see all.
            let justiceSees = try await server.tasks(justice) { try await $0.listTasks(.init()).tasks.map(\.taskID) }
            #expect(justiceSees == [other])
            let unionsSees = try await server.tasks(try server.system("unions")) {
                try await $0.listTasks(.init()).tasks.map(\.taskID)
            }
            #expect(unionsSees == [id])
            let all = try await server.tasks(coordinator) { try await $0.listTasks(.init()).tasks.map(\.taskID) }
            #expect(Set(all) == [id, other])
            let filtered = try await server.tasks(coordinator) {
                try await $0.listTasks(.with { $0.departmentCode = "justice" }).tasks.map(\.taskID)
            }
            #expect(filtered == [other])
            // Coordinators supervise and sign off, but do not report for a department.
            let coordinatorReports = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) { try await $0.reportProgress(TaskFixtures.report(other, .inProgress, 10)) }
            }
            #expect(coordinatorReports?.code == .permissionDenied)
        }
    }

    @Test("bad input: INVALID_ARGUMENT naming the field")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let decision = try await server.seedDecision()
            @Sendable func field(_ request: Tasks_CreateTaskRequest) async -> String? {
                let error = await #expect(throws: RPCError.self) {
                    try await server.tasks(coordinator) { try await $0.createTask(request) }
                }
                #expect(error?.code == .invalidArgument)
                return error?.message
            }
            var request = TaskFixtures.fromDecision(decision, cooperating: ["education"], due: inAMonth)
            #expect(await field(request)?.hasPrefix("cooperating_departments[0]: 'education' is the lead department") == true)
            request = TaskFixtures.fromDecision(decision, due: inAMonth)
            request.clearDueAt()
            #expect(await field(request)?.hasPrefix("due_at:") == true)
            request = TaskFixtures.fromDecision(decision, lead: "no-such-department", due: inAMonth)
            #expect(await field(request)?.hasPrefix("lead_department:") == true)
            request = TaskFixtures.fromDecision(decision, cooperating: ["unions", "nobody"], due: inAMonth)
            #expect(await field(request)?.hasPrefix("cooperating_departments[1]: no department 'nobody'") == true)
            request = TaskFixtures.fromDecision(decision, due: inAMonth)
            request.source = nil
            #expect(await field(request)?.hasPrefix("source:") == true)
            request = TaskFixtures.fromDecision(decision, due: inAMonth)
            request.priority = .unspecified
            #expect(await field(request)?.hasPrefix("priority:") == true)

            let id = try await server.tasks(coordinator) {
                try await $0.createTask(TaskFixtures.fromDecision(decision, due: inAMonth))
            }.taskID
            let percent = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.system("education")) {
                    try await $0.reportProgress(TaskFixtures.report(id, .inProgress, 101))
                }
            }
            #expect(percent?.code == .invalidArgument)
            #expect(percent?.message.hasPrefix("percent:") == true)
            let status = await #expect(throws: RPCError.self) {
                try await server.tasks(try server.system("education")) {
                    try await $0.reportProgress(TaskFixtures.report(id, .unspecified, 10))
                }
            }
            #expect(status?.message.hasPrefix("status:") == true)
        }
    }

    @Test("work plan: phases in order with dates; tasks per phase due by the phase end")
    func workPlan() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let day: TimeInterval = 86_400
            let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            @Sendable func phase(_ p: Tasks_WorkPlanPhase, _ from: Double, _ to: Double) -> Tasks_PhaseSchedule {
                .with {
                    $0.phase = p
                    $0.startsAt = Google_Protobuf_Timestamp(date: start + from * day)
                    $0.endsAt = Google_Protobuf_Timestamp(date: start + to * day)
                }
            }
            let plan = try await server.tasks(coordinator) {
                try await $0.createWorkPlan(.with {
                    $0.title = "2026年社会心理服务体系建设工作方案"
                    $0.jurisdictionCode = "demo-county"
                    $0.year = 2026
                    $0.phases = [phase(.mobilisation, 0, 58), phase(.promotion, 59, 240), phase(.deepening, 241, 330),
                                 phase(.evaluation, 331, 364)]
                })
            }
            #expect(plan.phases.map(\.phase) == [.mobilisation, .promotion, .deepening, .evaluation])

            let overlapping = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) {
                    try await $0.createWorkPlan(.with {
                        $0.title = "overlapping"
                        $0.jurisdictionCode = "demo-county"
                        $0.year = 2026
                        $0.phases = [phase(.mobilisation, 0, 58), phase(.promotion, 30, 240)]
                    })
                }
            }
            #expect(overlapping?.code == .invalidArgument)
            #expect(overlapping?.message.hasPrefix("phases[1].starts_at:") == true)
            let disordered = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) {
                    try await $0.createWorkPlan(.with {
                        $0.title = "disordered"
                        $0.jurisdictionCode = "demo-county"
                        $0.year = 2026
                        $0.phases = [phase(.deepening, 0, 58), phase(.promotion, 59, 240)]
                    })
                }
            }
            #expect(disordered?.message.hasPrefix("phases[1].phase:") == true)

            @Sendable func create(_ phase: Tasks_WorkPlanPhase, due: Date?, lead: String) async throws -> Tasks_Task {
                try await server.tasks(coordinator) {
                    try await $0.createTask(.with {
                        $0.title = "\(phase) task"
                        $0.leadDepartment = lead
                        $0.cooperatingDepartments = ["education"]
                        $0.priority = .normal
                        if let due { $0.dueAt = Google_Protobuf_Timestamp(date: due) }
                        $0.workPlanPhase = .with {
                            $0.workPlanID = plan.workPlanID
                            $0.phase = phase
                        }
                    })
                }
            }
            let mobilisation = try await create(.mobilisation, due: nil, lead: "health")
            #expect(mobilisation.dueAt.date == start + 58 * day)
            #expect(mobilisation.jurisdictionCode == "demo-county")
            #expect(mobilisation.workPlanPhase.phase == .mobilisation)
            let promotion = try await create(.promotion, due: start + 100 * day, lead: "civil-affairs")
            #expect(promotion.dueAt.date == start + 100 * day)
            let late = await #expect(throws: RPCError.self) { _ = try await create(.deepening, due: start + 340 * day, lead: "health") }
            #expect(late?.code == .invalidArgument)
            #expect(late?.message.hasPrefix("due_at: must be no later than the end of the deepening phase") == true)

            let detail = try await server.tasks(coordinator) {
                try await $0.getWorkPlan(.with { $0.workPlanID = plan.workPlanID })
            }
            #expect(detail.plan.title == "2026年社会心理服务体系建设工作方案")
            #expect(detail.tasks.map(\.taskID) == [mobilisation.taskID, promotion.taskID])
            // A department sees the plan's tasks it is on only.
            let civil = try await server.tasks(try server.system("civil-affairs")) {
                try await $0.getWorkPlan(.with { $0.workPlanID = plan.workPlanID })
            }
            #expect(civil.tasks.map(\.taskID) == [promotion.taskID])
            let listed = try await server.tasks(try server.system("unions")) {
                try await $0.listWorkPlans(.with { $0.year = 2026 }).plans.map(\.workPlanID)
            }
            #expect(listed == [plan.workPlanID])
            let byPlan = try await server.tasks(coordinator) {
                try await $0.listTasks(.with { $0.workPlanID = plan.workPlanID }).tasks.count
            }
            #expect(byPlan == 2)

            let missingPhase = await #expect(throws: RPCError.self) {
                try await server.tasks(coordinator) {
                    try await $0.createTask(.with {
                        $0.title = "phase of an unknown plan"
                        $0.leadDepartment = "health"
                        $0.priority = .normal
                        $0.workPlanPhase = .with {
                            $0.workPlanID = UUID().uuidString
                            $0.phase = .promotion
                        }
                    })
                }
            }
            #expect(missingPhase?.message.hasPrefix("work_plan_phase.work_plan_id:") == true)
        }
    }
}
