import Foundation
import PluginAPI

/// An alert to raise, fully resolved: who must acknowledge it and by when.
///
/// Built by ``AlertRules/draft(_:raisedAt:deadlines:)`` from what a caller or a plugin's
/// routing rule asked for; stored as it is.
public struct AlertDraft: Sendable, Hashable {
    public var severity: AlertSeverity
    public var kind: AlertKind
    /// The keyed pseudonym of the person concerned, if any (never the national ID).
    public var subjectPseudonym: String?
    /// Shown to the targeted departments and the raiser only; never in notices.
    public var summary: String
    /// The departments that must each acknowledge, in order, without repeats.
    public var targets: [String]
    public var raisedAt: Date
    /// When every target should have acknowledged (from the severity's deadline).
    public var acknowledgeBy: Date

    public init(
        severity: AlertSeverity, kind: AlertKind, subjectPseudonym: String?, summary: String, targets: [String],
        raisedAt: Date, acknowledgeBy: Date
    ) {
        self.severity = severity
        self.kind = kind
        self.subjectPseudonym = subjectPseudonym
        self.summary = summary
        self.targets = targets
        self.raisedAt = raisedAt
        self.acknowledgeBy = acknowledgeBy
    }
}

/// How long the targets of an alert have to acknowledge it, per severity.
public struct AlertDeadlines: Sendable, Hashable {
    public var critical: Duration
    public var high: Duration
    public var moderate: Duration

    /// Defaults: 15 minutes, 60 minutes, 4 hours.
    public init(critical: Duration = .seconds(15 * 60), high: Duration = .seconds(60 * 60), moderate: Duration = .seconds(240 * 60)) {
        self.critical = critical
        self.high = high
        self.moderate = moderate
    }

    /// The acknowledgement window of `severity`.
    public func window(for severity: AlertSeverity) -> Duration {
        switch severity {
        case .critical: critical
        case .high: high
        case .moderate: moderate
        }
    }

    /// When an alert of `severity` raised at `raisedAt` must be acknowledged.
    public func deadline(for severity: AlertSeverity, raisedAt: Date) -> Date {
        let window = window(for: severity).components
        return raisedAt.addingTimeInterval(TimeInterval(window.seconds) + TimeInterval(window.attoseconds) / 1e18)
    }
}
