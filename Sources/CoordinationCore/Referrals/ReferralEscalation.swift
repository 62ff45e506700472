import Foundation
import PluginAPI

/// The ladder of a pending referral past its acceptance deadline: at the deadline the receiving
/// department is told again (level 1, `referral.overdue`); after the grace for its urgency the
/// leading-group office is told (level 2, `referral.escalated`). Accepted and closed referrals
/// never escalate.
public struct ReferralEscalation: Sendable, Hashable {
    /// The highest level; a referral there never escalates again.
    public static let topLevel = 2

    public var deadlines: ReferralDeadlines
    /// The leading-group office's department.
    public var officeDepartment: String

    public init(deadlines: ReferralDeadlines = ReferralDeadlines(), officeDepartment: String = "health") {
        self.deadlines = deadlines
        self.officeDepartment = officeDepartment
    }

    /// The ladder of a referral in `status` of `urgency` to `receivingDepartment`, its
    /// deadline the acceptance deadline.
    public func ladder(status: ReferralStatus, urgency: ReferralUrgency, receivingDepartment: String) -> DeadlineLadder {
        guard status == .pending else { return .none }
        return DeadlineLadder([
            (after: 0, kind: .referralOverdue, recipients: [receivingDepartment]),
            (after: deadlines.grace(urgency), kind: .referralEscalated, recipients: [officeDepartment]),
        ])
    }
}
