import Foundation

/// Something the server tells one department: a meeting convened, a task assigned, a
/// deadline missed, a supervision notice (督办).
///
/// Titles and details name meetings, tasks and departments, never a person's data.
public struct Notice: Sendable, Hashable {
    /// Unique and stable (a UUID).
    public var id: String
    /// Increasing in the order notices become visible.
    public var sequence: Int64
    /// The department addressed.
    public var departmentCode: String
    public var kind: NoticeKind
    /// What the notice is about, e.g. `meeting/<id>` or `task/<id>`.
    public var subject: String
    /// Shown in each reader's language.
    public var title: Localized
    public var detail: Localized
    public var postedAt: Date

    public init(
        id: String, sequence: Int64, departmentCode: String, kind: NoticeKind, subject: String, title: Localized,
        detail: Localized, postedAt: Date
    ) {
        self.id = id
        self.sequence = sequence
        self.departmentCode = departmentCode
        self.kind = kind
        self.subject = subject
        self.title = title
        self.detail = detail
        self.postedAt = postedAt
    }
}

/// A notice to post, in the same transaction as the change it reports.
public struct NoticeDraft: Sendable, Hashable {
    public var departmentCode: String
    public var kind: NoticeKind
    public var subject: String
    /// Kept with its English and shown in each reader's language; never personal data.
    public var title: Localized
    public var detail: Localized
    /// Posts the notice at most once across retries and server instances (e.g.
    /// `task/<id>/escalation/2`); `nil` posts every time.
    public var onceKey: String?

    public init(
        to departmentCode: String, kind: NoticeKind, subject: String, title: Localized, detail: Localized = "",
        onceKey: String? = nil
    ) {
        self.departmentCode = departmentCode
        self.kind = kind
        self.subject = subject
        self.title = title
        self.detail = detail
        self.onceKey = onceKey
    }
}

/// What a notice reports, e.g. `meeting.convened`.
public struct NoticeKind: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
