import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore

/// `coordination.tasks.v1.TaskService`: tasks with a lead and cooperating departments, their
/// progress, sign-off and supervision; work plans.
struct TaskService: Tasks_TaskService.SimpleServiceProtocol {
    let tasks: TaskStore
    let plans: WorkPlanStore
    let clock: any CoordinationClock

    func createTask(request: Tasks_CreateTaskRequest, context: ServerContext) async throws -> Tasks_Task {
        let caller = try context.caller(requiring: .tasksManage)
        let task = try await tasks.create(try TaskDraft(request), by: caller)
        return task.proto(at: clock.now())
    }

    func getTask(request: Tasks_GetTaskRequest, context: ServerContext) async throws -> Tasks_TaskDetail {
        let (caller, id) = try context.caller(requiring: .tasksRead, naming: request.taskID, field: "task_id")
        return try await tasks.detail(id, as: Self.viewer(caller)).proto(at: clock.now(), in: context.language)
    }

    func listTasks(request: Tasks_ListTasksRequest, context: ServerContext) async throws -> Tasks_ListTasksResponse {
        let caller = try context.caller(requiring: .tasksRead)
        let filter = TaskStore.Filter(
            department: request.departmentCode.isEmpty ? nil : request.departmentCode,
            status: request.status == .unspecified ? nil : try WireValues.value(request.status.rawValue, field: "status"),
            overdueOnly: request.overdueOnly,
            workPlanID: request.workPlanID.isEmpty ? nil : try WireValues.id(request.workPlanID, field: "work_plan_id"),
            after: try StreamCursor.tasks.decodeID(request.cursor), limit: try PageSize.limit(request.pageSize))
        let (found, more) = try await tasks.list(filter, as: Self.viewer(caller))
        let now = clock.now()
        return .with {
            $0.tasks = found.map { $0.proto(at: now) }
            if more, let last = found.last { $0.nextCursor = StreamCursor.tasks.encode(id: last.id) }
        }
    }

    func reportProgress(request: Tasks_ReportProgressRequest, context: ServerContext) async throws -> Tasks_TaskDetail {
        let (caller, id) = try context.caller(requiring: .tasksReport, naming: request.taskID, field: "task_id")
        let report = ProgressReport(
            status: try WireValues.value(request.status.rawValue, field: "status"), percent: Int(request.percent),
            note: request.note, evidenceReference: request.evidenceReference)
        return try await tasks.report(id, report, by: caller).proto(at: clock.now(), in: context.language)
    }

    func completeTask(request: Tasks_CompleteTaskRequest, context: ServerContext) async throws -> Tasks_Task {
        let (caller, id) = try context.caller(requiring: .tasksReport, naming: request.taskID, field: "task_id")
        return try await tasks.complete(id, note: request.note, by: caller).proto(at: clock.now())
    }

    func verifyTask(request: Tasks_VerifyTaskRequest, context: ServerContext) async throws -> Tasks_Task {
        let (caller, id) = try context.caller(requiring: .tasksManage, naming: request.taskID, field: "task_id")
        return try await tasks.verify(id, note: request.note, by: caller).proto(at: clock.now())
    }

    func returnTask(request: Tasks_ReturnTaskRequest, context: ServerContext) async throws -> Tasks_Task {
        let (caller, id) = try context.caller(requiring: .tasksManage, naming: request.taskID, field: "task_id")
        return try await tasks.returnToLead(id, reason: request.reason, by: caller).proto(at: clock.now())
    }

    func superviseTask(request: Tasks_SuperviseTaskRequest, context: ServerContext) async throws -> Tasks_Task {
        let (caller, id) = try context.caller(requiring: .tasksManage, naming: request.taskID, field: "task_id")
        return try await tasks.supervise(
            id, message: request.message, replyBy: request.hasReplyDueAt ? request.replyDueAt.date : nil,
            includeCooperating: request.includeCooperating, by: caller
        ).proto(at: clock.now())
    }

    func createWorkPlan(request: Tasks_CreateWorkPlanRequest, context: ServerContext) async throws -> Tasks_WorkPlan {
        let caller = try context.caller(requiring: .tasksManage)
        var phases: [PhaseSchedule] = []
        for (index, phase) in request.phases.enumerated() {
            phases.append(try PhaseSchedule(phase, field: "phases[\(index)]"))
        }
        return try await plans.create(
            title: request.title, jurisdictionCode: request.jurisdictionCode, year: Int(request.year), phases: phases,
            by: caller
        ).proto
    }

    func getWorkPlan(request: Tasks_GetWorkPlanRequest, context: ServerContext) async throws -> Tasks_WorkPlanDetail {
        let (caller, id) = try context.caller(requiring: .tasksRead, naming: request.workPlanID, field: "work_plan_id")
        let plan = try await plans.plan(id)
        // A plan's tasks are a handful per phase; its detail shows up to a thousand.
        let found = try await tasks.list(TaskStore.Filter(workPlanID: id, limit: 1000), as: Self.viewer(caller)).tasks
        let order = { (task: TaskSummary) -> Int in
            if case .workPlanPhase(_, let phase) = task.source { return phase.position }
            return 0
        }
        let now = clock.now()
        return .with {
            $0.plan = plan.proto
            // Stable: within a phase the store's due-date order stays.
            $0.tasks = found.enumerated().sorted { (order($0.element), $0.offset) < (order($1.element), $1.offset) }
                .map { $0.element.proto(at: now) }
        }
    }

    func listWorkPlans(request: Tasks_ListWorkPlansRequest, context: ServerContext) async throws -> Tasks_ListWorkPlansResponse {
        _ = try context.caller(requiring: .tasksRead)
        let limit = try PageSize.limit(request.pageSize)
        let after = try StreamCursor.workPlans.decode(request.cursor, keys: 3).map { keys throws(CoordinationError) in
            guard let year = Int(keys[0]), let id = UUID(uuidString: keys[2]) else {
                throw CoordinationError.invalidArgument(field: "cursor", "is not a work-plans cursor this server returned")
            }
            return WorkPlanStore.Position(year: year, title: keys[1], id: id)
        }
        let (found, more) = try await plans.list(
            year: request.year == 0 ? nil : Int(request.year),
            jurisdictionCode: request.jurisdictionCode.isEmpty ? nil : request.jurisdictionCode, after: after, limit: limit)
        return .with {
            $0.plans = found.map(\.proto)
            if more, let last = found.last {
                $0.nextCursor = StreamCursor.workPlans.encode([String(last.year), last.title, last.id.uuidString.lowercased()])
            }
        }
    }

    private static func viewer(_ caller: Caller) -> Reader {
        Reader(caller)
    }
}
