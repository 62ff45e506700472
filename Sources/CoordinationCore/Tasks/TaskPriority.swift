/// How urgent a task is.
public enum TaskPriority: String, Sendable, Hashable, CaseIterable, Codable {
    case low, normal, high, urgent
}
