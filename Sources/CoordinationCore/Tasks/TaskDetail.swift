import Foundation

/// A task with each department's latest report and its history.
public struct TaskDetail: Sendable, Hashable {
    /// One department's latest report (or none yet).
    public struct DepartmentProgress: Sendable, Hashable {
        public var departmentCode: String
        public var role: TaskRole
        /// `nil` until the department reports.
        public var report: ProgressReport?
        public var reportedBy: String?
        public var reportedAt: Date?

        public init(departmentCode: String, role: TaskRole, report: ProgressReport?, reportedBy: String?, reportedAt: Date?) {
            self.departmentCode = departmentCode
            self.role = role
            self.report = report
            self.reportedBy = reportedBy
            self.reportedAt = reportedAt
        }
    }

    /// Something that happened to the task.
    public struct Event: Sendable, Hashable {
        /// What happened.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case created, progress, completed, verified, returned, supervised, overdue, escalated
        }

        public var sequence: Int64
        public var kind: Kind
        /// The acting department; `nil` for the server's own escalations.
        public var departmentCode: String?
        public var actor: String
        /// Shown in each reader's language; what a person wrote stays as written.
        public var detail: Localized
        /// For a supervision notice: when a reply is expected.
        public var replyDueAt: Date?
        public var at: Date

        public init(
            sequence: Int64, kind: Kind, departmentCode: String?, actor: String, detail: Localized, replyDueAt: Date?, at: Date
        ) {
            self.sequence = sequence
            self.kind = kind
            self.departmentCode = departmentCode
            self.actor = actor
            self.detail = detail
            self.replyDueAt = replyDueAt
            self.at = at
        }
    }

    public var task: TaskSummary
    /// Lead first, then cooperating departments by code.
    public var progress: [DepartmentProgress]
    /// Oldest first.
    public var history: [Event]

    public init(task: TaskSummary, progress: [DepartmentProgress], history: [Event]) {
        self.task = task
        self.progress = progress
        self.history = history
    }
}
