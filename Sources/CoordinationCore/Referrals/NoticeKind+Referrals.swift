extension NoticeKind {
    /// A person was referred to the department.
    public static let referralReceived = NoticeKind(rawValue: "referral.received")
    /// The receiving department accepted the referral (to the referrer).
    public static let referralAccepted = NoticeKind(rawValue: "referral.accepted")
    /// The receiving department declined the referral (to the referrer).
    public static let referralDeclined = NoticeKind(rawValue: "referral.declined")
    /// The receiving department completed the referral (to the referrer).
    public static let referralCompleted = NoticeKind(rawValue: "referral.completed")
    /// The referring department withdrew the referral (to the receiver).
    public static let referralWithdrawn = NoticeKind(rawValue: "referral.withdrawn")
    /// A referral is still not accepted at its deadline (to the receiver).
    public static let referralOverdue = NoticeKind(rawValue: "referral.overdue")
    /// A referral is still not accepted past the grace (to the leading-group office).
    public static let referralEscalated = NoticeKind(rawValue: "referral.escalated")
}
