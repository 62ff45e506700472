import Foundation

/// The ladder of a targeted department that has not acknowledged an alert in time: at the
/// deadline, level 1 re-notifies the department (`alert.unacknowledged`); after a further
/// grace as long as the acknowledgement window itself, level 2 tells the coordinators'
/// office and the leading-group office (`alert.escalated`; default health and political-legal).
public struct AlertEscalation: Sendable, Hashable {
    /// The highest level; a target there never escalates again.
    public static let topLevel = 2

    /// Who hears of level 2, in order, without repeats.
    public var escalateTo: [String]

    public init(escalateTo: [String] = ["health", "political-legal"]) {
        var seen = Set<String>()
        self.escalateTo = escalateTo.filter { seen.insert($0).inserted }
    }

    /// The ladder of `department`'s acknowledgement of an alert raised at `raisedAt`, due by
    /// `acknowledgeBy` (the deadline); none once acknowledged.
    public func ladder(raisedAt: Date, acknowledgeBy: Date, acknowledged: Bool, department: String) -> DeadlineLadder {
        guard !acknowledged else { return .none }
        return DeadlineLadder([
            (after: 0, kind: .alertUnacknowledged, recipients: [department]),
            (after: max(0, acknowledgeBy.timeIntervalSince(raisedAt)), kind: .alertEscalated, recipients: escalateTo),
        ])
    }

    /// The once-key of the notice of level `level` to `recipient` about `department`'s
    /// acknowledgement of alert `id`: `alert/<id>/<department>/escalation/<n>/<recipient>`.
    public static func onceKey(alert id: String, department: String, level: Int, recipient: String) -> String {
        "alert/\(id)/\(department)/escalation/\(level)/\(recipient)"
    }
}
