import ArgumentParser
import CoordinationAPI
import CoordinationCore
import Foundation

/// `coord plan`: work plans (工作方案) with dated phases.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: tr("Work plans: phases mobilisation, promotion, deepening, evaluation, with dates; tasks per phase."),
        subcommands: [Create.self, List.self, Show.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Create a work plan (coordinators)."))
        @Option(help: .tr("The plan's title.")) var title: String
        @Option(help: .tr("Jurisdiction code, e.g. demo-county.")) var jurisdiction: String
        @Option(help: .tr("The plan's year.")) var year: Int32
        @Option(
            name: .customLong("phase"),
            help: .tr("PHASE:START:END, e.g. mobilisation:2026-01-01:2026-02-28 (dates inclusive, in --tz); repeat in order."))
        var phases: [String] = []
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let schedules = try phases.map { text -> Tasks_PhaseSchedule in
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                let dates = parts.count == 2 ? Self.splitDates(parts[1]) : nil
                guard let dates else {
                    throw ValidationError(tr("--phase must be PHASE:START:END, e.g. mobilisation:2026-01-01:2026-02-28, got '\(text)'"))
                }
                return try .with {
                    $0.phase = try TaskArguments.value(parts[0], WorkPlanPhase.self, option: "--phase")
                    $0.startsAt = .init(date: try CLITime.date(dates.0, endOfDay: false, option: "--phase"))
                    $0.endsAt = .init(date: try CLITime.date(dates.1, endOfDay: true, option: "--phase"))
                }
            }
            let request = Tasks_CreateWorkPlanRequest.with {
                $0.title = title
                $0.jurisdictionCode = jurisdiction
                $0.year = year
                $0.phases = schedules
            }
            let plan = try await connection.with(Tasks_TaskService.self) { service in
                try await service.createWorkPlan(request)
            }
            let row = WorkPlanRow(plan)
            if json { return try Output.json(row) }
            created.report(id: row.id, tr("created work plan \(row.id): \(row.title) (\(row.jurisdictionCode), \(row.year))"))
        }

        /// `2026-01-01:2026-02-28` → the two dates (plain dates only, since `:` separates them).
        private static func splitDates(_ text: String) -> (String, String)? {
            let parts = text.split(separator: ":").map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List work plans, newest year first."))
        @Option(help: .tr("Only plans of this year.")) var year: Int32 = 0
        @Option(help: .tr("Only plans of this jurisdiction.")) var jurisdiction: String = ""
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let plans = try await connection.with(Tasks_TaskService.self) { [year, jurisdiction] service in
                try await Pages.all { cursor in
                    let page = try await service.listWorkPlans(.with {
                        $0.year = year
                        $0.jurisdictionCode = jurisdiction
                        $0.pageSize = Pages.size
                        $0.cursor = cursor
                    })
                    return (page.plans, page.nextCursor)
                }
            }
            let rows = plans.map(WorkPlanRow.init)
            if json { return try Output.json(rows) }
            Output.table(WorkPlanRow.headers, rows.map(\.cells))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("One work plan: its phases and the tasks of each."))
        @Argument(help: .tr("The work plan's id.")) var id: String
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Detail: Encodable {
            var plan: WorkPlanRow
            var tasks: [TaskRow]
        }

        func run() async throws {
            let id = try await connection.resolve(.plan, id)
            let detail = try await connection.with(Tasks_TaskService.self) { [id] service in
                try await service.getWorkPlan(.with { $0.workPlanID = id })
            }
            let output = Detail(plan: WorkPlanRow(detail.plan), tasks: detail.tasks.map(TaskRow.init))
            if json { return try Output.json(output) }
            print(tr("\(output.plan.title)  (\(output.plan.jurisdictionCode), \(output.plan.year))  id \(output.plan.id)"))
            print("")
            Output.table(["PHASE", "FROM", "TO", "TASKS"], output.plan.phases.map { phase in
                [phase.phase, Output.timestamp(phase.startsAt), Output.timestamp(phase.endsAt),
                 "\(output.tasks.filter { $0.workPlanPhase == phase.phase }.count)"]
            })
            guard !output.tasks.isEmpty else { return }
            print("")
            Output.table(["PHASE"] + TaskRow.headers, output.tasks.map { [$0.workPlanPhase ?? "-"] + $0.cells })
        }
    }
}
