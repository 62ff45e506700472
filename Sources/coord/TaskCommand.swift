import ArgumentParser
import CoordinationAPI
import CoordinationCore
import Foundation
import PluginAPI

/// `coord task`: tasks with a lead department and cooperating departments.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: tr("Tasks: one lead department, cooperating departments, progress, sign-off, supervision (督办)."),
        subcommands: [Create.self, List.self, Show.self, Progress.self, Complete.self, Verify.self, Return.self, Supervise.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Create a task from a meeting decision or a work-plan phase (coordinators)."))
        @Option(help: .tr("What is to be done.")) var title: String
        @Option(help: .tr("Details (optional).")) var description: String = ""
        @Option(help: .tr("The lead department's code (牵头).")) var lead: String
        @Option(name: .customLong("cooperating"), help: .tr("A cooperating department's code; repeat, or separate with commas."))
        var cooperating: [String] = []
        @Option(help: .tr("Due date, e.g. 2026-03-01 (the end of that day in --tz), or a time. Required for a decision; defaults to the phase end."))
        var due: String?
        @Option(help: .tr("low, normal, high or urgent.")) var priority: String = "normal"
        @Option(help: .tr("Jurisdiction code (default: the meeting's or the plan's).")) var jurisdiction: String?
        @Option(help: .tr("The meeting decision the task comes from.")) var decision: String?
        @Option(help: .tr("The work plan the task belongs to (with --phase).")) var plan: String?
        @Option(help: .tr("The plan's phase: mobilisation, promotion, deepening or evaluation.")) var phase: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Flag(help: .tr("Print JSON.")) var json = false

        func validate() throws {
            guard (decision == nil) != (plan == nil) else {
                throw ValidationError(tr("name exactly one source: --decision ID, or --plan ID with --phase"))
            }
            if plan != nil && phase == nil { throw ValidationError(tr("--plan needs --phase")) }
        }

        func run() async throws {
            let request = try Tasks_CreateTaskRequest.with {
                $0.title = title
                $0.description_p = description
                $0.leadDepartment = lead
                $0.cooperatingDepartments = cooperating.flatMap { $0.split(separator: ",").map(String.init) }
                if let due { $0.dueAt = .init(date: try CLITime.date(due, endOfDay: true, option: "--due")) }
                $0.priority = try TaskArguments.value(priority, TaskPriority.self, option: "--priority")
                $0.jurisdictionCode = jurisdiction ?? ""
                if let decision { $0.decisionID = decision }
                if let plan, let phase {
                    $0.workPlanPhase = try .with {
                        $0.workPlanID = plan
                        $0.phase = try TaskArguments.value(phase, WorkPlanPhase.self, option: "--phase")
                    }
                }
            }
            let task = try await connection.with(Tasks_TaskService.self) { service in
                try await service.createTask(request)
            }
            let row = TaskRow(task)
            if json { return try Output.json(row) }
            created.report(id: row.id, tr("created task \(row.id): \(row.title), led by \(row.leadDepartment), due \(Output.timestamp(row.dueAt))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List tasks, soonest due first; overdue ones are marked. Coordinators see all, others their department's."))
        @Option(help: .tr("Only tasks this department leads or cooperates on.")) var department: String?
        @Option(help: .tr("Only tasks in this status: open, in-progress, completed, verified, returned.")) var status: String?
        @Flag(help: .tr("Only overdue tasks.")) var overdue = false
        @Option(help: .tr("Only tasks of this work plan.")) var plan: String?
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = try Tasks_ListTasksRequest.with {
                $0.departmentCode = department ?? ""
                if let status { $0.status = try TaskArguments.value(status, TaskStatus.self, option: "--status") }
                $0.overdueOnly = overdue
                $0.workPlanID = plan ?? ""
            }
            let tasks = try await connection.with(Tasks_TaskService.self) { service in
                try await Pages.all { cursor in
                    var paged = request
                    (paged.pageSize, paged.cursor) = (Pages.size, cursor)
                    let page = try await service.listTasks(paged)
                    return (page.tasks, page.nextCursor)
                }
            }
            let rows = tasks.map(TaskRow.init)
            if json { return try Output.json(rows) }
            Output.table(TaskRow.headers, rows.map(\.cells))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("One task: each department's progress and the history."))
        @Argument(help: .tr("The task's id.")) var id: String
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Detail: Encodable {
            struct Progress: Encodable {
                var department: String, role: String, status: String, percent: Int32, note: String, evidence: String
                var reportedBy: String?, reportedAt: Date?
            }
            struct Event: Encodable {
                var sequence: Int64, kind: String, department: String?, actor: String, detail: String
                var replyDueAt: Date?, at: Date
            }
            var task: TaskRow
            var progress: [Progress]
            var history: [Event]
        }

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let detail = try await connection.with(Tasks_TaskService.self) { [id] service in
                try await service.getTask(.with { $0.taskID = id })
            }
            let output = Detail(
                task: TaskRow(detail.task),
                progress: detail.progress.map {
                    .init(
                        department: $0.departmentCode, role: TaskArguments.name($0.role, TaskRole.self),
                        status: TaskArguments.name($0.status, ProgressStatus.self), percent: $0.percent, note: $0.note,
                        evidence: $0.evidenceReference, reportedBy: $0.reportedBy.isEmpty ? nil : $0.reportedBy,
                        reportedAt: $0.hasReportedAt ? $0.reportedAt.date : nil)
                },
                history: detail.history.map {
                    .init(
                        sequence: $0.sequence, kind: $0.kind, department: $0.departmentCode.isEmpty ? nil : $0.departmentCode,
                        actor: $0.actor, detail: $0.detail, replyDueAt: $0.hasReplyDueAt ? $0.replyDueAt.date : nil,
                        at: $0.at.date)
                })
            if json { return try Output.json(output) }
            let task = output.task
            print("\(task.title)  [\(Output.word(task.status))\(task.overdue ? ", " + tr("OVERDUE") : "")]")
            print(tr("id \(task.id); priority \(Output.word(task.priority)); due \(Output.timestamp(task.dueAt)); jurisdiction \(task.jurisdictionCode)"))
            if let decision = task.decisionID { print(tr("from meeting decision \(decision)")) }
            if let plan = task.workPlanID { print(tr("from work plan \(plan), \(task.workPlanPhase ?? "-") phase")) }
            if let record = task.sourceRecordID { print(tr("opened by the routing rule of record \(record)")) }
            if !detail.task.description_p.isEmpty { print(detail.task.description_p) }
            print("")
            Output.table(["DEPARTMENT", "ROLE", "STATUS", "%", "NOTE", "EVIDENCE", "REPORTED"], output.progress.map {
                [$0.department, $0.role, $0.status, $0.reportedAt == nil ? "-" : "\($0.percent)", $0.note, $0.evidence,
                 $0.reportedAt.map(Output.timestamp) ?? "-"]
            })
            print("")
            Output.table(["AT", "EVENT", "BY", "DETAIL"], output.history.map { event in
                [Output.timestamp(event.at), event.kind, event.department.map { "\(event.actor) (\($0))" } ?? event.actor,
                 event.detail + (event.replyDueAt.map { " (reply by \(Output.timestamp($0)))" } ?? "")]
            })
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Report your own department's progress on a task (department systems and officers)."))
        @Argument(help: .tr("The task's id.")) var id: String
        @Option(help: .tr("in-progress, blocked or done-own-part.")) var status: String
        @Option(help: .tr("How far your department's part is, 0-100.")) var percent: Int32
        @Option(help: .tr("What was done or what blocks (no personal data).")) var note: String = ""
        @Option(help: .tr("A reference to evidence your department holds.")) var evidence: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let request = try Tasks_ReportProgressRequest.with {
                $0.taskID = id
                $0.status = try TaskArguments.value(status, ProgressStatus.self, option: "--status")
                $0.percent = percent
                $0.note = note
                $0.evidenceReference = evidence
            }
            let detail = try await connection.with(Tasks_TaskService.self) { service in
                try await service.reportProgress(request)
            }
            print(tr("reported \(status), \(percent)% on task \(detail.task.taskID); task is \(TaskArguments.name(detail.task.status, TaskStatus.self))"))
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Complete a task your department leads."))
        @Argument(help: .tr("The task's id.")) var id: String
        @Option(help: .tr("What was achieved.")) var note: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let task = try await connection.with(Tasks_TaskService.self) { [id, note] service in
                try await service.completeTask(.with {
                    $0.taskID = id
                    $0.note = note
                })
            }
            print(tr("completed task \(task.taskID); awaiting a coordinator's sign-off"))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Sign off a completed task (coordinators)."))
        @Argument(help: .tr("The task's id.")) var id: String
        @Option(help: .tr("Your finding.")) var note: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let task = try await connection.with(Tasks_TaskService.self) { [id, note] service in
                try await service.verifyTask(.with {
                    $0.taskID = id
                    $0.note = note
                })
            }
            print(tr("verified task \(task.taskID)"))
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: tr("Return a completed task to its lead department with a reason (coordinators)."))
        @Argument(help: .tr("The task's id.")) var id: String
        @Option(help: .tr("What the lead department must still do.")) var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let task = try await connection.with(Tasks_TaskService.self) { [id, reason] service in
                try await service.returnTask(.with {
                    $0.taskID = id
                    $0.reason = reason
                })
            }
            print(tr("returned task \(task.taskID) to \(task.leadDepartment)"))
        }
    }

    struct Supervise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Send a supervision notice (督办) to the lead department (coordinators)."))
        @Argument(help: .tr("The task's id.")) var id: String
        @Option(help: .tr("What the office asks for.")) var message: String
        @Option(help: .tr("When a reply is expected, e.g. 2026-03-05.")) var replyBy: String?
        @Flag(help: .tr("Also notify the cooperating departments.")) var includeCooperating = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.task, id)
            let request = try Tasks_SuperviseTaskRequest.with {
                $0.taskID = id
                $0.message = message
                if let replyBy { $0.replyDueAt = .init(date: try CLITime.date(replyBy, endOfDay: true, option: "--reply-by")) }
                $0.includeCooperating = includeCooperating
            }
            let task = try await connection.with(Tasks_TaskService.self) { service in
                try await service.superviseTask(request)
            }
            let recipients = [task.leadDepartment] + (includeCooperating ? task.cooperatingDepartments : [])
            print(tr("supervision notice on task \(task.taskID) sent to \(recipients.joined(separator: ", "))"))
        }
    }
}
