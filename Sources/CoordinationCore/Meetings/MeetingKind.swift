/// What a meeting is for.
public enum MeetingKind: String, Sendable, CaseIterable, Codable {
    /// The leading group's meeting (领导小组会议); must be held at least once a year.
    case leadingGroup = "leading_group"
    /// A joint meeting of member departments (联席会议).
    case joint
    /// A joint assessment of one person or case.
    case caseConference = "case_conference"
    /// An emergency meeting.
    case emergency
}

/// Where a meeting is in its lifecycle: draft → convened → in session → closed, or cancelled.
public enum MeetingStatus: String, Sendable, CaseIterable, Codable {
    case draft
    /// Invitations sent; departments RSVP and check in.
    case convened
    /// Quorum was met and the session runs.
    case inSession = "in_session"
    case closed
    case cancelled

    /// Phrase for messages, e.g. "in session".
    public var phrase: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
