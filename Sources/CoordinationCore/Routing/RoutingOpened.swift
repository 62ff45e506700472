/// Something a routing rule opened when a record was published, in the same transaction:
/// an alert, a referral or a task, and the departments it went to.
public struct RoutingOpened: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case alert, referral, task
    }

    public var kind: Kind
    public var id: String
    /// The alert's targets, the referral's receiver, or the task's lead then cooperating departments.
    public var departments: [String]

    public init(kind: Kind, id: String, departments: [String]) {
        self.kind = kind
        self.id = id
        self.departments = departments
    }
}
