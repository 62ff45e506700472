import ArgumentParser
import CoordinationAPI
import Foundation

/// `coord evaluation`: the supervision and evaluation (督导评估) of departments per year.
struct EvaluationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation",
        abstract: tr("Per-department evaluation for a year: tasks on time, indicators met, feedback."),
        subcommands: [Show.self, Feedback.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Show every department's evaluation (coordinators) or your own department's."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("The year, e.g. 2026.")) var year: Int32
        @Option(help: .tr("Only this department.")) var department: String = ""
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable {
            let department, nameEn: String
            let tasksTotal, tasksOnTime, tasksLate, tasksOverdue, tasksOpen: Int32
            let indicatorsMet, indicatorsNotMet, indicatorsNotReported: Int32
            let indicators: [Outcome]
            let feedback: String?
            let feedbackBy: String?
        }

        struct Outcome: Encodable {
            let code, jurisdiction, period, value, target, status: String
        }

        func run() async throws {
            let response = try await connection.with(Evaluation_EvaluationService.self) { [year, department] service in
                try await service.evaluate(.with {
                    $0.year = year
                    $0.departmentCode = department
                })
            }
            let rows = response.departments.map { evaluation in
                Row(
                    department: evaluation.departmentCode, nameEn: evaluation.departmentNameEn,
                    tasksTotal: evaluation.tasks.total, tasksOnTime: evaluation.tasks.onTime, tasksLate: evaluation.tasks.late,
                    tasksOverdue: evaluation.tasks.overdue, tasksOpen: evaluation.tasks.open,
                    indicatorsMet: evaluation.indicatorsMet, indicatorsNotMet: evaluation.indicatorsNotMet,
                    indicatorsNotReported: evaluation.indicatorsNotReported,
                    indicators: evaluation.indicators.map {
                        Outcome(
                            code: $0.indicatorCode, jurisdiction: $0.jurisdictionCode, period: $0.period,
                            value: $0.displayValue, target: $0.displayThreshold, status: $0.status)
                    },
                    feedback: evaluation.hasFeedback ? evaluation.feedback.text : nil,
                    feedbackBy: evaluation.hasFeedback ? evaluation.feedback.writtenBy : nil)
            }
            if json { return try Output.json(rows) }
            print(tr("Evaluation \(response.year)"))
            Output.table(
                ["DEPARTMENT", "TASKS", "ON TIME", "LATE", "OVERDUE", "OPEN", "MET", "NOT MET", "NOT REPORTED", "FEEDBACK"],
                rows.map {
                    [$0.department, "\($0.tasksTotal)", "\($0.tasksOnTime)", "\($0.tasksLate)", "\($0.tasksOverdue)",
                     "\($0.tasksOpen)", "\($0.indicatorsMet)", "\($0.indicatorsNotMet)", "\($0.indicatorsNotReported)",
                     $0.feedback.map { String($0.prefix(40)) } ?? "-"]
                })
            let outcomes = rows.flatMap { row in row.indicators.map { (row.department, $0) } }
            if !outcomes.isEmpty {
                print("")
                Output.table(["DEPARTMENT", "INDICATOR", "JURISDICTION", "PERIOD", "VALUE", "TARGET", "STATUS"], outcomes.map {
                    [$0.0, $0.1.code, $0.1.jurisdiction, $0.1.period.isEmpty ? "-" : $0.1.period,
                     $0.1.value.isEmpty ? "—" : $0.1.value, $0.1.target.isEmpty ? "-" : $0.1.target,
                     $0.1.status == "met" ? "✓ " + tr("met") : $0.1.status == "not-met" ? "✗ " + tr("NOT MET") : Output.word($0.1.status)]
                })
            }
        }
    }

    struct Feedback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Write a department's evaluation feedback for a year (coordinators)."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("The year, e.g. 2026.")) var year: Int32
        @Option(help: .tr("The department.")) var department: String
        @Option(help: .tr("The feedback (names no person).")) var text: String
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let feedback = try await connection.with(Evaluation_EvaluationService.self) { [year, department, text] service in
                try await service.recordFeedback(.with {
                    $0.year = year
                    $0.departmentCode = department
                    $0.text = text
                })
            }
            struct Written: Encodable { let year: Int32; let department, text, writtenBy: String; let writtenAt: Date }
            let written = Written(
                year: feedback.year, department: feedback.departmentCode, text: feedback.text, writtenBy: feedback.writtenBy,
                writtenAt: feedback.writtenAt.date)
            if json { return try Output.json(written) }
            print(tr("feedback to \(written.department) for \(written.year) recorded by \(written.writtenBy) at \(Output.timestamp(written.writtenAt))"))
        }
    }
}
