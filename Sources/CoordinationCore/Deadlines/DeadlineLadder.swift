import Foundation

/// What happens as a deadline passes unanswered: rungs reached one after another, each a
/// notice to some departments at a time past the deadline. Tasks, referrals and alerts each
/// supply their rungs (``TaskEscalation``, ``ReferralEscalation``, ``AlertEscalation``); the
/// sweep climbs every ladder the same way.
///
/// Pure: the sweep gives it the deadline, the time and the level already reached, and posts
/// the rungs it returns.
public struct DeadlineLadder: Sendable, Hashable {
    /// One rung: reached `after` the deadline, it tells `recipients` with a notice of `kind`
    /// and moves the deadline's level to `level`.
    public struct Rung: Sendable, Hashable {
        /// 1 for the first rung, then 2, …
        public var level: Int
        /// How long past the deadline the rung is reached (0: at the deadline).
        public var after: TimeInterval
        public var kind: NoticeKind
        /// The departments to notify, in order, without repeats.
        public var recipients: [String]

        public init(level: Int, after: TimeInterval, kind: NoticeKind, recipients: [String]) {
            self.level = level
            self.after = after
            self.kind = kind
            self.recipients = recipients
        }
    }

    /// The rungs, lowest first.
    public let rungs: [Rung]

    /// A ladder of `rungs` (after, kind, recipients), numbered 1, 2, … in order.
    public init(_ rungs: [(after: TimeInterval, kind: NoticeKind, recipients: [String])]) {
        self.rungs = rungs.enumerated().map { index, rung in
            var seen = Set<String>()
            return Rung(
                level: index + 1, after: rung.after, kind: rung.kind, recipients: rung.recipients.filter { seen.insert($0).inserted })
        }
    }

    /// A ladder with no rungs: what a closed task, an answered referral or an acknowledged
    /// alert has.
    public static let none = DeadlineLadder([])

    /// The rungs due at `now` for a deadline at `deadline` that has already reached `level`
    /// (0 if never), lowest first.
    public func steps(deadline: Date, now: Date, reached level: Int) -> [Rung] {
        rungs.filter { $0.level > level && now >= deadline.addingTimeInterval($0.after) }
    }
}
