import CoordinationAPI
import CoordinationReport
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Gathers an ``EvaluationReport`` from the server: the directory, indicators and their
/// attainment, tasks, and the departments' evaluations.
struct ReportSource {
    let client: GRPCClient<HTTP2ClientTransport.Posix>
    let year: Int
    let jurisdiction: String

    func report() async throws -> EvaluationReport {
        let caller = try await Directory_DirectoryService.Client(wrapping: client).whoAmI(.init())
        guard caller.role == "coordinator" else {
            throw CLIError(tr(
                "the evaluation report covers every department: it needs a coordinator's certificate (you are \(caller.role.isEmpty ? caller.kind : caller.role) '\(caller.name)' of \(caller.departmentCode))"))
        }
        let jurisdictions = try await Directory_DirectoryService.Client(wrapping: client).listJurisdictions(.init()).jurisdictions
        guard let root = jurisdictions.first(where: { $0.code == jurisdiction }) else {
            throw CLIError(tr("no jurisdiction '\(jurisdiction)' is registered"))
        }
        var subtree: Set<String> = [root.code]
        for candidate in jurisdictions where subtree.contains(candidate.parentCode) { subtree.insert(candidate.code) }

        let evaluations = try await Evaluation_EvaluationService.Client(wrapping: client)
            .evaluate(.with { $0.year = Int32(year) }).departments
        let departments = try await Directory_DirectoryService.Client(wrapping: client).listDepartments(.init()).departments
        return EvaluationReport(
            jurisdiction: Output.name(zh: root.nameZh, en: root.nameEn), year: year, generatedAt: Date(),
            indicators: try await indicators(),
            tasks: try await tasks(in: subtree),
            departments: evaluations.filter {
                $0.tasks.total > 0 || !$0.indicators.isEmpty || $0.hasFeedback
            }.map { evaluation in
                EvaluationReport.DepartmentLine(
                    code: evaluation.departmentCode, name: Output.name(zh: evaluation.departmentNameZh, en: evaluation.departmentNameEn),
                    tasksLed: Int(evaluation.tasks.total), onTime: Int(evaluation.tasks.onTime),
                    late: Int(evaluation.tasks.late), overdueOpen: Int(evaluation.tasks.overdue),
                    indicatorsMet: Int(evaluation.indicatorsMet), indicatorsOwned: evaluation.indicators.count,
                    feedback: evaluation.feedback.text)
            },
            departmentNames: Dictionary(departments.map { ($0.code, Output.name(zh: $0.nameZh, en: $0.nameEn)) }) { first, _ in first })
    }

    /// Each indicator's last value in the year at the jurisdiction, judged against the step
    /// that applies, with the values since two years before.
    private func indicators() async throws -> [EvaluationReport.IndicatorLine] {
        let service = Indicators_IndicatorService.Client(wrapping: client)
        var lines: [EvaluationReport.IndicatorLine] = []
        for indicator in try await service.listIndicators(.init()).indicators {
            let (from, to) = Self.periods(indicator.period, from: year - 2, to: year)
            let attainment = try await service.attainment(.with {
                $0.code = indicator.code
                $0.jurisdictionCode = jurisdiction
                $0.fromPeriod = from
                $0.toPeriod = to
            })
            let reported = attainment.points.filter(\.hasValue)
            let current = reported.last { $0.period.hasPrefix(String(year)) }
            let step = current?.step ?? attainment.points.last(where: { $0.period.hasPrefix(String(year)) })?.step
            let hasStep = current?.hasStep ?? attainment.points.last?.hasStep ?? false
            lines.append(EvaluationReport.IndicatorLine(
                code: indicator.code, name: Output.name(zh: indicator.nameZh, en: indicator.nameEn),
                ownerDepartment: indicator.ownerDepartment, unit: Self.unit(indicator),
                atLeast: indicator.direction != .atMost, value: current?.value,
                target: hasStep ? step?.threshold : nil, targetDeadline: hasStep ? step?.deadline : nil,
                trend: reported.map { .init(period: $0.period, value: $0.value) },
                baseline: indicator.hasBaseline ? .init(period: indicator.baseline.period, value: indicator.baseline.value) : nil,
                steps: indicator.targets.map { .init(threshold: $0.threshold, deadline: $0.deadline) }))
        }
        return lines
    }

    /// Tasks due in the year within `subtree`.
    private func tasks(in subtree: Set<String>) async throws -> [EvaluationReport.TaskLine] {
        let tasks = try await Pages.all { cursor in
            let page = try await Tasks_TaskService.Client(wrapping: client).listTasks(.with {
                $0.pageSize = Pages.size
                $0.cursor = cursor
            })
            return (page.tasks, page.nextCursor)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return tasks.filter {
            subtree.contains($0.jurisdictionCode) && calendar.component(.year, from: $0.dueAt.date) == year
        }.map {
            EvaluationReport.TaskLine(
                title: $0.title, leadDepartment: $0.leadDepartment, status: Self.status($0.status), due: $0.dueAt.date,
                overdue: $0.overdue)
        }
    }

    /// The first and last period from January of `first` to December of `last`.
    static func periods(_ kind: Indicators_PeriodKind, from first: Int, to last: Int) -> (String, String) {
        switch kind {
        case .quarter: return ("\(first)-Q1", "\(last)-Q4")
        case .month: return ("\(first)-01", "\(last)-12")
        default: return ("\(first)", "\(last)")
        }
    }

    static func unit(_ indicator: Indicators_Indicator) -> String {
        switch indicator.unit {
        case .percent: return "percent"
        case .ratio: return tr("per \(indicator.ratioPer)")
        default: return ""
        }
    }

    static func status(_ status: Tasks_TaskStatus) -> String {
        switch status {
        case .open: return "open"
        case .inProgress: return "in-progress"
        case .completed: return "completed"
        case .verified: return "verified"
        case .returned: return "returned"
        default: return "unknown"
        }
    }
}
