import Foundation

/// A task as the evaluation sees it: due when, in which state, completed when.
public struct LeadTask: Sendable, Hashable {
    /// Where a task stands against its due date.
    public enum Timeliness: String, Sendable, Hashable {
        /// Completed on or before the due date.
        case onTime = "on-time"
        /// Completed after the due date.
        case late
        /// Not completed, and the due date has passed.
        case overdue
        /// Not completed, and not due yet.
        case open
    }

    /// Statuses in which the lead department has completed the task.
    public static let completedStatuses: Set<String> = ["completed", "verified"]

    public var leadDepartment: String
    public var dueAt: Date
    /// `open`, `in-progress`, `completed`, `verified` or `returned`.
    public var status: String
    public var completedAt: Date?

    public init(leadDepartment: String, dueAt: Date, status: String, completedAt: Date?) {
        self.leadDepartment = leadDepartment
        self.dueAt = dueAt
        self.status = status
        self.completedAt = completedAt
    }

    /// Where the task stands at `now`. A returned task is not complete, whatever its
    /// completion time says.
    public func timeliness(at now: Date) -> Timeliness {
        if Self.completedStatuses.contains(status), let completedAt {
            return completedAt <= dueAt ? .onTime : .late
        }
        return dueAt < now ? .overdue : .open
    }
}
