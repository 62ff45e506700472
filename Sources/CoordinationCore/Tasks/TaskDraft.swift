import Foundation
import PluginAPI

/// Where a task comes from: exactly one of a meeting decision, a work-plan phase or a
/// published record.
public enum TaskSource: Sendable, Hashable {
    /// An adopted decision of a joint meeting.
    case decision(UUID)
    /// A phase of a work plan (工作方案).
    case workPlanPhase(UUID, WorkPlanPhase)
    /// A shared record whose publication fired its type's routing rule (never asked for
    /// through the API: the server opens such tasks as it stores the record).
    case record(UUID)
}

/// A task as a coordinator asks for it, before the server resolves defaults from its source.
public struct TaskDraft: Sendable, Hashable {
    public var title: String
    public var description: String
    public var leadDepartment: String
    public var cooperatingDepartments: [String]
    /// Required for a decision; defaults to the phase's end for a work-plan phase.
    public var dueAt: Date?
    public var priority: TaskPriority
    /// Defaults to the work plan's or the meeting's jurisdiction.
    public var jurisdictionCode: String?
    public var source: TaskSource

    public init(
        title: String, description: String = "", leadDepartment: String, cooperatingDepartments: [String] = [],
        dueAt: Date?, priority: TaskPriority, jurisdictionCode: String? = nil, source: TaskSource
    ) {
        self.title = title
        self.description = description
        self.leadDepartment = leadDepartment
        self.cooperatingDepartments = cooperatingDepartments
        self.dueAt = dueAt
        self.priority = priority
        self.jurisdictionCode = jurisdictionCode
        self.source = source
    }

    /// Every department on the task with its part, the lead first.
    public var departments: [(code: String, role: TaskRole)] {
        [(leadDepartment, .lead)] + cooperatingDepartments.map { ($0, .cooperating) }
    }
}
