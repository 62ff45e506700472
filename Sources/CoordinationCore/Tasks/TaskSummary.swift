import Foundation
import PluginAPI

/// A stored task as listings show it.
public struct TaskSummary: Sendable, Hashable {
    public var id: UUID
    public var title: String
    public var description: String
    public var leadDepartment: String
    /// By code.
    public var cooperatingDepartments: [String]
    public var priority: TaskPriority
    public var jurisdictionCode: String
    public var dueAt: Date
    public var status: TaskStatus
    public var source: TaskSource
    /// 0 (never escalated) … ``TaskEscalation/topLevel``.
    public var escalationLevel: Int
    public var createdBy: String
    public var createdAt: Date
    public var completedAt: Date?
    public var verifiedAt: Date?

    public init(
        id: UUID, title: String, description: String, leadDepartment: String, cooperatingDepartments: [String],
        priority: TaskPriority, jurisdictionCode: String, dueAt: Date, status: TaskStatus, source: TaskSource,
        escalationLevel: Int, createdBy: String, createdAt: Date, completedAt: Date?, verifiedAt: Date?
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.leadDepartment = leadDepartment
        self.cooperatingDepartments = cooperatingDepartments
        self.priority = priority
        self.jurisdictionCode = jurisdictionCode
        self.dueAt = dueAt
        self.status = status
        self.source = source
        self.escalationLevel = escalationLevel
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.verifiedAt = verifiedAt
    }

    /// Still being worked on and past its due date at `now`.
    public func isOverdue(at now: Date) -> Bool { status.isActive && dueAt < now }

    /// `department`'s part in the task, `nil` if it is not on it.
    public func role(of department: String) -> TaskRole? {
        if department == leadDepartment { return .lead }
        return cooperatingDepartments.contains(department) ? .cooperating : nil
    }
}
