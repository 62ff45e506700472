import Foundation

/// Checks a task before it is stored; every violation names the request field at fault.
public enum TaskRules {
    /// The title, description, departments and (for a decision) the due date.
    ///
    /// Whether the departments exist is for the store to check.
    public static func validate(_ draft: TaskDraft) throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        func fault(_ field: String, _ problem: String) { violations.append(.init(field: field, description: problem)) }

        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { fault("title", "is required") } else if title.count > 200 {
            fault("title", "must be at most 200 characters")
        }
        if draft.description.count > 4000 { fault("description", "must be at most 4000 characters") }
        if draft.leadDepartment.isEmpty { fault("lead_department", "is required") }
        var seen: Set<String> = []
        for (index, code) in draft.cooperatingDepartments.enumerated() {
            let field = "cooperating_departments[\(index)]"
            if code.isEmpty {
                fault(field, "is empty")
            } else if code == draft.leadDepartment {
                fault(field, "'\(code)' is the lead department; a department either leads or cooperates")
            } else if !seen.insert(code).inserted {
                fault(field, "'\(code)' is listed twice")
            }
        }
        if case .decision = draft.source, draft.dueAt == nil {
            fault("due_at", "is required for a task from a decision")
        }
        if let jurisdiction = draft.jurisdictionCode, jurisdiction.isEmpty { fault("jurisdiction_code", "is empty") }
        if !violations.isEmpty { throw .invalidArguments(violations) }
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
