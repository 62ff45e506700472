import CoordinationCore
import Foundation
import PostgresNIO

extension AlertStore {
    /// A targeted department that has not acknowledged an alert past its deadline.
    struct Unacknowledged: Sendable {
        var alertID: UUID
        var department: String
        var severity: String
        var kind: String
        var raisedBy: String
        var raisedAt: Date
        var acknowledgeBy: Date
    }

    /// Climbs the ladder of every unacknowledged target past its deadline (``DeadlineSweep``):
    /// the department notified again, then the offices, each notice once, each step audited,
    /// so several instances may sweep together. Returns how many notices were posted.
    @discardableResult
    public func escalateOverdue(_ escalation: AlertEscalation, limit: Int = 200) async throws(CoordinationError) -> Int {
        let escalator = Caller(
            kind: .system, departmentCode: escalation.escalateTo.first ?? "health", name: "alert-escalator", certificateSerial: "-")
        let sweep = DeadlineSweep<Unacknowledged>(
            due: { now, limit, connection, logger in
                let rows = try await connection.query(
                    """
                    SELECT t.alert_id, t.department_code, t.escalation_level, a.severity, a.kind, a.raised_by_department,
                           a.raised_at, a.acknowledge_by
                    FROM coord.alert_target t JOIN coord.alert a ON a.id = t.alert_id
                    WHERE t.acknowledged_at IS NULL AND a.acknowledge_by <= \(now)
                      AND t.escalation_level < \(Int16(AlertEscalation.topLevel))
                    ORDER BY a.acknowledge_by LIMIT \(limit)
                    FOR UPDATE OF t SKIP LOCKED
                    """, logger: logger)
                var due: [DeadlineSweep<Unacknowledged>.Due] = []
                for try await (id, department, level, severity, kind, raiser, raisedAt, acknowledgeBy) in rows.decode(
                    (UUID, String, Int16, String, String, String, Date, Date).self)
                {
                    due.append(.init(
                        item: Unacknowledged(
                            alertID: id, department: department, severity: severity, kind: kind, raisedBy: raiser,
                            raisedAt: raisedAt, acknowledgeBy: acknowledgeBy),
                        deadline: acknowledgeBy, reached: Int(level),
                        ladder: escalation.ladder(
                            raisedAt: raisedAt, acknowledgeBy: acknowledgeBy, acknowledged: false, department: department)))
                }
                return due
            },
            storeLevels: { levels, connection, logger in
                try await connection.query(
                    """
                    UPDATE coord.alert_target t SET escalation_level = v.level
                    FROM unnest(\(levels.map(\.item.alertID))::uuid[], \(levels.map(\.item.department))::text[],
                                \(levels.map(\.level))::int2[]) AS v(alert_id, department_code, level)
                    WHERE t.alert_id = v.alert_id AND t.department_code = v.department_code
                    """, logger: logger)
            },
            reach: { target, rung, now, _, _ in
                let renotify = rung.level == 1
                let alertID = target.alertID.uuidString.lowercased()
                let facts: Localized = "alert \(alertID), \(Localized(stringLiteral: target.severity)) \(target.kind), raised by \(target.raisedBy) at \(localTime.minute(target.raisedAt)); \(target.department) was to acknowledge by \(localTime.minute(target.acknowledgeBy))"
                return .init(
                    audit: AuditEvent(
                        caller: escalator, action: renotify ? "alert.unacknowledged" : "alert.escalate",
                        detail: "\(facts); notified \(rung.recipients.joined(separator: ", "))", at: now),
                    notices: rung.recipients.map { recipient in
                        NoticeDraft(
                            to: recipient, kind: rung.kind, subject: "alert/\(alertID)",
                            title: renotify
                                ? "Alert not acknowledged in time: \(Localized(stringLiteral: target.severity)) \(target.kind) — acknowledge it now"
                                : "Alert escalated: \(target.department) has not acknowledged a \(Localized(stringLiteral: target.severity)) \(target.kind) alert",
                            detail: facts,
                            onceKey: AlertEscalation.onceKey(
                                alert: alertID, department: target.department, level: rung.level, recipient: recipient))
                    })
            })
        return try await sweep.run(in: database, at: clock.now(), limit: limit)
    }
}
