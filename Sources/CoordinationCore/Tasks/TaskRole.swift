/// A department's part in a task.
public enum TaskRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// Leads (牵头): completes the task and answers for it.
    case lead
    /// Cooperates (按职责分工负责): reports its own part only.
    case cooperating
}
