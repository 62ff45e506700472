extension NoticeKind {
    /// A department was put on a task (lead or cooperating).
    public static let taskAssigned = NoticeKind(rawValue: "task.assigned")
    /// A coordinator returned a completed task to its lead department.
    public static let taskReturned = NoticeKind(rawValue: "task.returned")
    /// A task passed its due date (to the lead department).
    public static let taskOverdue = NoticeKind(rawValue: "task.overdue")
    /// A task stayed overdue past the grace period (to the leading-group office).
    public static let taskEscalated = NoticeKind(rawValue: "task.escalated")
    /// A supervision notice (督办) from a coordinator.
    public static let taskSupervision = NoticeKind(rawValue: "task.supervision")
}
