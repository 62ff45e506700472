/// A task a plugin's routing rule opens when a record is published: one lead department and
/// cooperating departments (牵头 / 按职责分工负责), due a number of days after publication.
///
/// The server creates it as the publishing department, with the record as its source and the
/// record's jurisdiction, and tells every department on it, as for a task a coordinator assigns.
/// Tasks carry no person: the departments find whom it concerns through the source record,
/// under the views its type grants them.
public struct TaskRequest: Sendable, Hashable {
    /// Shown in the departments' notices: keep personal data out of it. Each cited field is
    /// shown only if every department on the task may read it.
    public var title: RoutedText
    /// What is to be done; shown to the departments on the task, with the same rule for fields.
    public var detail: RoutedText
    /// The department that leads and completes the task, by code (an unregistered code skips the task).
    public var leadDepartment: String
    /// The departments that support the lead, by code (unregistered codes are left out).
    public var cooperatingDepartments: [String]
    /// Days from publication (by the server's clock) until the task is due; at least 1.
    public var dueInDays: Int
    public var priority: TaskPriority

    public init(
        title: RoutedText, detail: RoutedText, leadDepartment: String, cooperatingDepartments: [String], dueInDays: Int,
        priority: TaskPriority
    ) {
        self.title = title
        self.detail = detail
        self.leadDepartment = leadDepartment
        self.cooperatingDepartments = cooperatingDepartments
        self.dueInDays = dueInDays
        self.priority = priority
    }
}
