import Foundation
import PluginAPI

/// What happens when a pending referral misses its acceptance deadline: at the deadline the
/// receiving department is told again (level 1, `referral.overdue`); after the grace the
/// leading-group office is told (level 2, `referral.escalated`). Accepted and closed referrals
/// never escalate.
///
/// Pure: the sweeper gives it the referral and the time, and posts the steps it returns.
public struct ReferralEscalation: Sendable, Hashable {
    /// One rung reached: the notice to post, to whom, and the level the referral moves to.
    public struct Step: Sendable, Hashable {
        public var level: Int
        public var kind: NoticeKind
        public var departmentCode: String
    }

    /// The highest level; a referral there never escalates again.
    public static let topLevel = 2

    public var deadlines: ReferralDeadlines
    /// The leading-group office's department.
    public var officeDepartment: String

    public init(deadlines: ReferralDeadlines = ReferralDeadlines(), officeDepartment: String = "health") {
        self.deadlines = deadlines
        self.officeDepartment = officeDepartment
    }

    /// The steps due at `now` for a referral in `status` of `urgency`, to be accepted by
    /// `acceptBy` by `receivingDepartment`, that has reached `level` (0 if never), lowest first.
    public func steps(
        acceptBy: Date, urgency: ReferralUrgency, now: Date, level: Int, status: ReferralStatus,
        receivingDepartment: String
    ) -> [Step] {
        guard status == .pending else { return [] }
        var steps: [Step] = []
        if level < 1, now >= acceptBy {
            steps.append(Step(level: 1, kind: .referralOverdue, departmentCode: receivingDepartment))
        }
        if level < 2, now >= acceptBy.addingTimeInterval(deadlines.grace(urgency)) {
            steps.append(Step(level: 2, kind: .referralEscalated, departmentCode: officeDepartment))
        }
        return steps
    }
}
