import Foundation

/// What happens when a targeted department does not acknowledge an alert in time: at the
/// deadline, level 1 re-notifies the department (`alert.unacknowledged`); after a further
/// grace as long as the acknowledgement window itself, level 2 tells the coordinators'
/// office and the leading-group office (`alert.escalated`; default health and political-legal).
///
/// Pure: the sweeper gives it one target's state and the time, and posts the steps returned.
public struct AlertEscalationLadder: Sendable, Hashable {
    /// One rung reached: notices to post and the level the target moves to.
    public struct Step: Sendable, Hashable {
        /// 1 or 2.
        public var level: Int
        public var kind: NoticeKind
        /// The departments to notify.
        public var recipients: [String]

        public init(level: Int, kind: NoticeKind, recipients: [String]) {
            self.level = level
            self.kind = kind
            self.recipients = recipients
        }
    }

    /// The highest level; a target there never escalates again.
    public static let topLevel = 2

    /// Who hears of level 2, in order, without repeats.
    public var escalateTo: [String]

    public init(escalateTo: [String] = ["health", "political-legal"]) {
        var seen = Set<String>()
        self.escalateTo = escalateTo.filter { seen.insert($0).inserted }
    }

    /// When level 2 is due: the deadline plus the acknowledgement window again.
    public func escalationDate(raisedAt: Date, acknowledgeBy: Date) -> Date {
        acknowledgeBy.addingTimeInterval(max(0, acknowledgeBy.timeIntervalSince(raisedAt)))
    }

    /// The steps due at `now` for `department`, which has not acknowledged (`acknowledged`
    /// false) an alert raised at `raisedAt` and due by `acknowledgeBy`, and has already reached
    /// `level`; lowest first. An acknowledged target never escalates.
    public func steps(
        raisedAt: Date, acknowledgeBy: Date, now: Date, level: Int, acknowledged: Bool, department: String
    ) -> [Step] {
        guard !acknowledged else { return [] }
        var steps: [Step] = []
        if level < 1, now >= acknowledgeBy {
            steps.append(Step(level: 1, kind: .alertUnacknowledged, recipients: [department]))
        }
        if level < 2, now >= escalationDate(raisedAt: raisedAt, acknowledgeBy: acknowledgeBy) {
            steps.append(Step(level: 2, kind: .alertEscalated, recipients: escalateTo))
        }
        return steps
    }

    /// The once-key of the notice of `step` to `recipient` about `department`'s acknowledgement
    /// of alert `id`: `alert/<id>/<department>/escalation/<n>/<recipient>`.
    public static func onceKey(alert id: String, department: String, level: Int, recipient: String) -> String {
        "alert/\(id)/\(department)/escalation/\(level)/\(recipient)"
    }
}
