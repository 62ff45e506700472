import Foundation
import PluginAPI

/// A task a record type's routing rule opens, resolved when the record is published (see
/// ``TaskRules/routed(_:createdAt:)``). Its source, the record, is known once the record is stored.
public struct RoutedTask: Sendable, Hashable {
    public var title: String
    public var description: String
    public var leadDepartment: String
    public var cooperatingDepartments: [String]
    public var dueAt: Date
    public var priority: TaskPriority
    /// When the record was published.
    public var createdAt: Date

    /// The task to store for the record `recordID`, published in `jurisdiction`, with only the
    /// cooperating departments in `registered`.
    public func draft(record recordID: UUID, jurisdiction: String, registered: Set<String>) -> TaskDraft {
        TaskDraft(
            title: title, description: description, leadDepartment: leadDepartment,
            cooperatingDepartments: cooperatingDepartments.filter(registered.contains), dueAt: dueAt, priority: priority,
            jurisdictionCode: jurisdiction, source: .record(recordID))
    }
}
