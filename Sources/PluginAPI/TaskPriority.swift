/// How urgent a task is. Coordinators set it when they assign a task; a routing rule sets it
/// in the ``TaskRequest`` it fires.
public enum TaskPriority: String, Sendable, Hashable, CaseIterable, Codable {
    case low, normal, high, urgent
}
