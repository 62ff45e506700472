import Foundation

/// What happens when a task falls overdue: first a notice to the lead department at the due
/// date (level 1, `task.overdue`), then, after a grace period, a notice to the leading-group
/// office (level 2, `task.escalated`), whose notices the coordinators follow.
///
/// Pure: the sweeper gives it the task and the time, and posts the steps it returns.
public struct EscalationLadder: Sendable, Hashable {
    /// One rung reached: a notice to post and the level the task moves to.
    public struct Step: Sendable, Hashable {
        /// 1 or 2.
        public var level: Int
        public var kind: NoticeKind
        /// The department to notify.
        public var departmentCode: String

        public init(level: Int, kind: NoticeKind, departmentCode: String) {
            self.level = level
            self.kind = kind
            self.departmentCode = departmentCode
        }
    }

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

    /// The steps due at `now` for a task in `status`, due at `dueAt`, led by `leadDepartment`,
    /// that has already reached `level` (0 if never escalated), lowest first. Completed and
    /// verified tasks never escalate.
    public func steps(
        dueAt: Date, now: Date, level: Int, status: TaskStatus, leadDepartment: String
    ) -> [Step] {
        guard status.isActive else { return [] }
        var steps: [Step] = []
        if level < 1, now >= dueAt {
            steps.append(Step(level: 1, kind: .taskOverdue, departmentCode: leadDepartment))
        }
        if level < 2, now >= dueAt.addingTimeInterval(grace) {
            steps.append(Step(level: 2, kind: .taskEscalated, departmentCode: officeDepartment))
        }
        return steps
    }
}
