/// Where a referral stands. Open (pending or accepted) referrals let the receiving department
/// read the linked records; the others are closed for good.
public enum ReferralStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case accepted
    case declined
    case completed
    case withdrawn

    /// Pending or accepted: the receiving department may read the linked records.
    public var isOpen: Bool { self == .pending || self == .accepted }

    /// The open statuses, as stored.
    public static let open: [ReferralStatus] = [.pending, .accepted]
}

/// A department's part in a referral.
public enum ReferralParty: String, Sendable, Hashable {
    /// The department that made the referral.
    case referring
    /// The department the person is referred to.
    case receiving
}
