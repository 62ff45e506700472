import Foundation

/// The ladder of an overdue task: at the due date a notice to the lead department (level 1,
/// `task.overdue`), then, after a grace period, to the leading-group office (level 2,
/// `task.escalated`), whose notices the coordinators follow.
public struct TaskEscalation: Sendable, Hashable {
    /// The highest level; a task there never escalates again.
    public static let topLevel = 2

    /// How long after the due date the office is told (default 72 hours).
    public var grace: TimeInterval
    /// The leading-group office's department (default `health`, 004 §一).
    public var officeDepartment: String

    public init(grace: TimeInterval = 72 * 3600, officeDepartment: String = "health") {
        self.grace = grace
        self.officeDepartment = officeDepartment
    }

    /// The ladder of a task in `status` led by `leadDepartment`, its deadline the due date.
    /// Completed and verified tasks never escalate.
    public func ladder(status: TaskStatus, leadDepartment: String) -> DeadlineLadder {
        guard status.isActive else { return .none }
        return DeadlineLadder([
            (after: 0, kind: .taskOverdue, recipients: [leadDepartment]),
            (after: grace, kind: .taskEscalated, recipients: [officeDepartment]),
        ])
    }
}
