import CoordinationCore
import Foundation
import PostgresNIO

/// What an operator watches in the deployment's data, read in one statement: the deadline
/// sweeps' backlog (tasks past their due date, referrals past their acceptance deadline, alert
/// targets past their acknowledgement deadline — each still open), the audit chain's length and
/// when its head was last signed. Counts only: no one's data.
public struct OperationsSnapshot: Sendable, Equatable {
    public var overdueTasks: Int
    public var overdueReferrals: Int
    public var unacknowledgedAlertTargets: Int
    public var auditChainLength: Int64
    /// When the newest signed checkpoint was written; `nil` before the first.
    public var lastCheckpointAt: Date?

    public init(
        overdueTasks: Int, overdueReferrals: Int, unacknowledgedAlertTargets: Int, auditChainLength: Int64,
        lastCheckpointAt: Date?
    ) {
        self.overdueTasks = overdueTasks
        self.overdueReferrals = overdueReferrals
        self.unacknowledgedAlertTargets = unacknowledgedAlertTargets
        self.auditChainLength = auditChainLength
        self.lastCheckpointAt = lastCheckpointAt
    }

    /// The snapshot at `now`, read in the server's own scope.
    public static func read(in database: Database, at now: Date) async throws(CoordinationError) -> OperationsSnapshot {
        try await database.transaction(scope: .server) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT
                  (SELECT count(*) FROM coord.task WHERE status = ANY(\(TaskStatus.active.map(\.rawValue))) AND due_at <= \(now)),
                  (SELECT count(*) FROM coord.referral WHERE status = 'pending' AND accept_by <= \(now)),
                  (SELECT count(*) FROM coord.alert_target t JOIN coord.alert a ON a.id = t.alert_id
                   WHERE t.acknowledged_at IS NULL AND a.acknowledge_by <= \(now)),
                  (SELECT seq FROM coord.audit_head()),
                  (SELECT max(written_at) FROM coord.audit_checkpoint)
                """, logger: logger)
            for try await (tasks, referrals, alerts, length, checkpoint) in rows.decode((Int, Int, Int, Int64?, Date?).self) {
                return OperationsSnapshot(
                    overdueTasks: tasks, overdueReferrals: referrals, unacknowledgedAlertTargets: alerts,
                    auditChainLength: length ?? 0, lastCheckpointAt: checkpoint)
            }
            return OperationsSnapshot(
                overdueTasks: 0, overdueReferrals: 0, unacknowledgedAlertTargets: 0, auditChainLength: 0, lastCheckpointAt: nil)
        }
    }
}
