extension NoticeKind {
    /// A targeted department let an alert's acknowledgement deadline pass (to that department).
    public static let alertUnacknowledged = NoticeKind(rawValue: "alert.unacknowledged")
    /// An alert stayed unacknowledged past the grace (to the coordinators' and leading-group offices).
    public static let alertEscalated = NoticeKind(rawValue: "alert.escalated")
}
