import Foundation
import PluginAPI

/// How long a receiving department has to accept a referral, per urgency, and how long after a
/// missed deadline the leading-group office is told.
///
/// Defaults: emergency 1 hour, urgent 24 hours, routine 7 days. The escalation grace is a
/// quarter of the urgency's deadline (15 minutes, 6 hours, 42 hours) unless one grace is
/// configured for all urgencies.
public struct ReferralDeadlines: Sendable, Hashable {
    public var emergency: TimeInterval
    public var urgent: TimeInterval
    public var routine: TimeInterval
    /// One grace for every urgency; `nil`: a quarter of the urgency's deadline.
    public var escalationGrace: TimeInterval?

    public init(
        emergency: TimeInterval = 3600, urgent: TimeInterval = 24 * 3600, routine: TimeInterval = 7 * 86_400,
        escalationGrace: TimeInterval? = nil
    ) {
        self.emergency = emergency
        self.urgent = urgent
        self.routine = routine
        self.escalationGrace = escalationGrace
    }

    /// The time allowed to accept a referral of `urgency`.
    public func allowance(_ urgency: ReferralUrgency) -> TimeInterval {
        switch urgency {
        case .emergency: emergency
        case .urgent: urgent
        case .routine: routine
        }
    }

    /// When a referral of `urgency` made at `createdAt` must be accepted by.
    public func acceptBy(_ urgency: ReferralUrgency, createdAt: Date) -> Date {
        createdAt.addingTimeInterval(allowance(urgency))
    }

    /// How long after the missed deadline the office is told.
    public func grace(_ urgency: ReferralUrgency) -> TimeInterval {
        escalationGrace ?? allowance(urgency) / 4
    }
}
