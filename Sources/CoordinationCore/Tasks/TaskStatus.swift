/// Where a task stands in its lifecycle (see ``TaskLifecycle``).
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Created; nobody has reported yet.
    case open
    /// At least one department has reported.
    case inProgress = "in_progress"
    /// The lead department declared it done; awaiting a coordinator's sign-off.
    case completed
    /// Signed off by a coordinator. Final.
    case verified
    /// Sent back by a coordinator with a reason; the lead continues and completes again.
    case returned

    /// Whether the task is still being worked on (and so can fall overdue and escalate).
    public var isActive: Bool { self == .open || self == .inProgress || self == .returned }

    /// Statuses that can fall overdue, as stored.
    public static let active: [TaskStatus] = allCases.filter(\.isActive)

    /// For messages: `in progress`.
    public var phrase: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
