import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

extension ReferralStore {
    /// A pending referral past its acceptance deadline, as its ladder's rungs describe it.
    struct Overdue: Sendable {
        var id: UUID
        var fromDepartment: String
        var toDepartment: String
        var urgency: ReferralUrgency
        var acceptBy: Date
    }

    /// Climbs the ladder of every pending referral past its acceptance deadline
    /// (``DeadlineSweep``): the receiver told again at the deadline, the office after the grace,
    /// each once (once-keys `referral/<id>/escalation/<level>`), each in the referral's history
    /// and the audit. Returns how many notices were posted.
    @discardableResult
    public func escalateOverdue(limit: Int = 200) async throws(CoordinationError) -> Int {
        let escalation = self.escalation
        let escalator = Caller(
            kind: .system, departmentCode: escalation.officeDepartment, name: "referral-escalator", certificateSerial: "-")
        let sweep = DeadlineSweep<Overdue>(
            due: { now, limit, connection, logger in
                let rows = try await connection.query(
                    """
                    SELECT id, from_department, to_department, urgency, accept_by, escalation_level FROM coord.referral
                    WHERE status = 'pending' AND accept_by <= \(now) AND escalation_level < \(Int16(ReferralEscalation.topLevel))
                    ORDER BY accept_by LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                    """, logger: logger)
                var due: [DeadlineSweep<Overdue>.Due] = []
                for try await (id, from, to, urgency, acceptBy, level) in rows.decode((UUID, String, String, String, Date, Int16).self) {
                    let urgency = ReferralUrgency(rawValue: urgency) ?? .routine
                    due.append(.init(
                        item: Overdue(id: id, fromDepartment: from, toDepartment: to, urgency: urgency, acceptBy: acceptBy),
                        deadline: acceptBy, reached: Int(level),
                        ladder: escalation.ladder(status: .pending, urgency: urgency, receivingDepartment: to)))
                }
                return due
            },
            storeLevels: DeadlineSweep.levels(in: "coord.referral") { $0.id },
            reach: { referral, rung, now, connection, logger in
                let overdue = rung.level == 1
                let (urgency, from, to) = (Localized(stringLiteral: referral.urgency.rawValue), referral.fromDepartment, referral.toDepartment)
                let detail: Localized = overdue
                    ? "\(urgency) referral from \(from) not accepted by \(localTime.minute(referral.acceptBy))"
                    : "\(urgency) referral from \(from) to \(to) still not accepted past the grace period (deadline \(localTime.minute(referral.acceptBy)))"
                try await Self.insertEvent(
                    overdue ? .overdue : .escalated, referral: referral.id, by: escalator, byServer: true, detail: detail, at: now,
                    on: connection, logger: logger)
                return .init(
                    audit: AuditEvent(
                        caller: escalator, action: overdue ? "referral.overdue" : "referral.escalated",
                        detail: "referral \(referral.id.lowercased): \(detail)", at: now),
                    notices: rung.recipients.map {
                        NoticeDraft(
                            to: $0, kind: rung.kind, subject: Referral.subject(referral.id),
                            title: overdue ? "Referral overdue: accept or decline now" : "Referral escalated to the office",
                            detail: detail, onceKey: "referral/\(referral.id.lowercased)/escalation/\(rung.level)")
                    })
            })
        return try await sweep.run(in: database, at: clock.now(), limit: limit)
    }
}
