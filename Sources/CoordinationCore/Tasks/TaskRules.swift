import Foundation
import PluginAPI

/// Checks a task before it is stored; every violation names the request field at fault.
public enum TaskRules {
    /// The title, description, departments and (for a decision) the due date.
    ///
    /// Whether the departments exist is for the store to check.
    public static func validate(_ draft: TaskDraft) throws(CoordinationError) {
        var violations = contentViolations(
            title: draft.title, description: draft.description, leadDepartment: draft.leadDepartment,
            cooperatingDepartments: draft.cooperatingDepartments)
        if case .decision = draft.source, draft.dueAt == nil {
            violations.append(.init(field: "due_at", description: "is required for a task from a decision"))
        }
        if let jurisdiction = draft.jurisdictionCode, jurisdiction.isEmpty {
            violations.append(.init(field: "jurisdiction_code", description: "is empty"))
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }

    /// The most days a routing rule may give a task.
    public static let maximumDueInDays = 366

    /// The task a plugin's routing rule asked for, due `dueInDays` after `createdAt`. A malformed
    /// request (no title, a lead that also cooperates, a due day outside 1…366) is a fault of the
    /// plugin and is dropped: `nil`.
    public static func routed(_ request: TaskRequest, createdAt: Date) -> RoutedTask? {
        let title = request.title.description, detail = request.detail.description
        let violations = contentViolations(
            title: title, description: detail, leadDepartment: request.leadDepartment,
            cooperatingDepartments: request.cooperatingDepartments)
        guard violations.isEmpty, (1...maximumDueInDays).contains(request.dueInDays) else { return nil }
        return RoutedTask(
            title: title.trimmingCharacters(in: .whitespacesAndNewlines), description: detail,
            leadDepartment: request.leadDepartment, cooperatingDepartments: request.cooperatingDepartments,
            dueAt: createdAt.addingTimeInterval(TimeInterval(request.dueInDays) * 86_400), priority: request.priority,
            createdAt: createdAt)
    }

    /// What every task must state, however it is made: a title, a description within bounds,
    /// a lead and distinct cooperating departments other than the lead.
    static func contentViolations(
        title: String, description: String, leadDepartment: String, cooperatingDepartments: [String]
    ) -> [CoordinationError.Violation] {
        var violations: [CoordinationError.Violation] = []
        func fault(_ field: String, _ problem: Localized) { violations.append(.init(field: field, description: problem)) }

        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { fault("title", "is required") } else if title.count > 200 {
            fault("title", "must be at most 200 characters")
        }
        if description.count > 4000 { fault("description", "must be at most 4000 characters") }
        if leadDepartment.isEmpty { fault("lead_department", "is required") }
        var seen: Set<String> = []
        for (index, code) in cooperatingDepartments.enumerated() {
            let field = "cooperating_departments[\(index)]"
            if code.isEmpty {
                fault(field, "is empty")
            } else if code == leadDepartment {
                fault(field, "'\(code)' is the lead department; a department either leads or cooperates")
            } else if !seen.insert(code).inserted {
                fault(field, "'\(code)' is listed twice")
            }
        }
        return violations
    }

    /// The due date of a task from `phase` of a plan: the one asked for, which may not be
    /// later than the phase's end, or the phase's end.
    public static func dueDate(requested: Date?, in phase: PhaseSchedule) throws(CoordinationError) -> Date {
        guard let requested else { return phase.endsAt }
        guard requested <= phase.endsAt else {
            throw .invalidArgument(
                field: "due_at",
                "must be no later than the end of the \(phase.phase.rawValue) phase (\(phase.endsAt.formatted(.iso8601)))")
        }
        return requested
    }
}
