import Foundation

/// A joint meeting: who is invited, who came, the agenda with its minutes, and the decisions.
///
/// A value; its lifecycle is the pure state machine in `Meeting+Lifecycle.swift`. Every
/// change bumps ``version``, which live streams compare to send a snapshot only on change.
public struct Meeting: Sendable, Hashable {
    public var id: UUID
    public var kind: MeetingKind
    public var title: String
    public var jurisdictionCode: String
    /// The scheduled start.
    public var startsAt: Date
    /// The coordinator who created the meeting, and their department.
    public var convener: String
    public var convenerDepartment: String
    /// The minimum number of invited departments present to start and close.
    public var quorum: Int
    /// For a case conference: the keyed pseudonym of the person concerned, never the ID number.
    public var subjectPseudonym: String?
    public var status: MeetingStatus
    /// The position of the agenda item under discussion, once set.
    public var currentItem: Int?
    /// Increases with every change.
    public var version: Int64
    public var invitees: [Invitee]
    /// Ordered by position (1, 2, …).
    public var agenda: [AgendaItem]
    /// In the order they were recorded or opened.
    public var decisions: [MeetingDecision]
    public var createdAt: Date
    public var convenedAt: Date?
    public var startedAt: Date?
    /// When the meeting closed or was cancelled.
    public var endedAt: Date?
    public var cancelReason: String?

    public init(
        id: UUID, kind: MeetingKind, title: String, jurisdictionCode: String, startsAt: Date, convener: String,
        convenerDepartment: String, quorum: Int, subjectPseudonym: String? = nil, status: MeetingStatus = .draft,
        currentItem: Int? = nil, version: Int64 = 1, invitees: [Invitee], agenda: [AgendaItem] = [],
        decisions: [MeetingDecision] = [], createdAt: Date, convenedAt: Date? = nil, startedAt: Date? = nil,
        endedAt: Date? = nil, cancelReason: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.jurisdictionCode = jurisdictionCode
        self.startsAt = startsAt
        self.convener = convener
        self.convenerDepartment = convenerDepartment
        self.quorum = quorum
        self.subjectPseudonym = subjectPseudonym
        self.status = status
        self.currentItem = currentItem
        self.version = version
        self.invitees = invitees
        self.agenda = agenda
        self.decisions = decisions
        self.createdAt = createdAt
        self.convenedAt = convenedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.cancelReason = cancelReason
    }

    /// An invited department, its answer and its attendance.
    public struct Invitee: Sendable, Hashable {
        public var departmentCode: String
        /// Lead departments must be present to start and close, whatever the quorum.
        public var isLead: Bool
        public var rsvp: RSVP?
        /// Set once the department checked in.
        public var checkIn: CheckIn?

        public init(departmentCode: String, isLead: Bool, rsvp: RSVP? = nil, checkIn: CheckIn? = nil) {
            self.departmentCode = departmentCode
            self.isLead = isLead
            self.rsvp = rsvp
            self.checkIn = checkIn
        }
    }

    /// A department's answer to the invitation.
    public struct RSVP: Sendable, Hashable {
        public enum Response: String, Sendable, CaseIterable, Codable {
            case attending, declining
        }

        public var response: Response
        public var representativeName: String
        public var representativeRole: String?
        /// Who answered (certificate name).
        public var answeredBy: String
        public var answeredAt: Date

        public init(
            response: Response, representativeName: String, representativeRole: String?, answeredBy: String,
            answeredAt: Date
        ) {
            self.response = response
            self.representativeName = representativeName
            self.representativeRole = representativeRole
            self.answeredBy = answeredBy
            self.answeredAt = answeredAt
        }
    }

    /// Attendance: who recorded it (the department itself or a coordinator) and when.
    public struct CheckIn: Sendable, Hashable {
        public var by: String
        public var at: Date

        public init(by: String, at: Date) {
            self.by = by
            self.at = at
        }
    }

    /// One item of the agenda, presented by an invited department.
    public struct AgendaItem: Sendable, Hashable {
        /// 1-based, in agenda order.
        public var position: Int
        public var title: String
        public var presentingDepartment: String
        public var links: [MeetingLink]
        public var minutes: Minutes?

        public init(position: Int, title: String, presentingDepartment: String, links: [MeetingLink], minutes: Minutes? = nil) {
            self.position = position
            self.title = title
            self.presentingDepartment = presentingDepartment
            self.links = links
            self.minutes = minutes
        }
    }

    /// What was said on one agenda item, recorded by a coordinator.
    public struct Minutes: Sendable, Hashable {
        public var text: String
        public var recordedBy: String
        public var recordedAt: Date

        public init(text: String, recordedBy: String, recordedAt: Date) {
            self.text = text
            self.recordedBy = recordedBy
            self.recordedAt = recordedAt
        }
    }

    /// The invitation of `department`, if it is invited.
    public func invitee(_ department: String) -> Invitee? {
        invitees.first { $0.departmentCode == department }
    }

    /// The agenda item at `position`, if any.
    public func agendaItem(_ position: Int) -> AgendaItem? {
        agenda.first { $0.position == position }
    }

    /// The decision with `id`, if any.
    public func decision(_ id: UUID) -> MeetingDecision? {
        decisions.first { $0.id == id }
    }
}
