/// A named capability a caller may hold. Denials name the permission.
public struct Permission: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Read departments and jurisdictions.
    public static let directoryRead = Permission(rawValue: "directory.read")
    /// Register departments and jurisdictions.
    public static let directoryWrite = Permission(rawValue: "directory.write")
    /// Revoke and list revoked certificates.
    public static let certificatesManage = Permission(rawValue: "certificates.manage")
    /// Publish records for one's own department.
    public static let recordsPublish = Permission(rawValue: "records.publish")
    /// Read shared records through the policy's views.
    public static let recordsRead = Permission(rawValue: "records.read")
    /// Claim an emergency ("break the glass") on a read; every such access is reviewed.
    public static let emergencyAccess = Permission(rawValue: "records.emergency")
    /// Follow every meeting, task, referral and alert of the service system (the leading
    /// group's office) — a person's data in them only where one's own department is a party.
    public static let coordinationOversee = Permission(rawValue: "coordination.oversee")
    /// Read the audit trail of a person and review emergency accesses.
    public static let auditRead = Permission(rawValue: "audit.read")
    /// See audit entries whole: who acted, the records, and justifications and consent
    /// references (auditors).
    public static let auditDetail = Permission(rawValue: "audit.detail")
    /// See counts across departments (analysis).
    public static let analysisRead = Permission(rawValue: "analysis.read")
    /// List installed plugins.
    public static let pluginsRead = Permission(rawValue: "plugins.read")
    /// Install, upgrade and uninstall department plugins.
    public static let pluginsManage = Permission(rawValue: "plugins.manage")
    /// See a server instance's own state (open streams, start time).
    public static let serverStatus = Permission(rawValue: "server.status")

    /// Read notices addressed to one's own department.
    public static let noticesRead = Permission(rawValue: "notices.read")
    /// Create, convene, run, close and cancel meetings; record minutes and decisions.
    public static let meetingsManage = Permission(rawValue: "meetings.manage")
    /// See meetings one's department is invited to; RSVP, check in and vote for it.
    public static let meetingsParticipate = Permission(rawValue: "meetings.participate")
    /// Create tasks and work plans, sign off or return tasks, send supervision notices.
    public static let tasksManage = Permission(rawValue: "tasks.manage")
    /// Report progress on, and complete, one's own department's tasks.
    public static let tasksReport = Permission(rawValue: "tasks.report")
    /// See tasks, work plans and evaluations.
    public static let tasksRead = Permission(rawValue: "tasks.read")
    /// Define indicators and their targets; write evaluation feedback.
    public static let indicatorsManage = Permission(rawValue: "indicators.manage")
    /// Report indicator values for one's own department.
    public static let indicatorsReport = Permission(rawValue: "indicators.report")
    /// See indicators, targets, roll-ups and attainment.
    public static let indicatorsRead = Permission(rawValue: "indicators.read")

    /// Refer persons to other departments, and accept, decline, complete or withdraw the
    /// referrals one's own department is party to.
    public static let referralsWork = Permission(rawValue: "referrals.work")
    /// See the referrals one's department is party to (coordinators: all, with escalations).
    public static let referralsRead = Permission(rawValue: "referrals.read")
    /// Raise a crisis alert.
    public static let alertsRaise = Permission(rawValue: "alerts.raise")
    /// Receive and acknowledge the alerts addressed to one's own department.
    public static let alertsAcknowledge = Permission(rawValue: "alerts.acknowledge")
    /// See alerts and their acknowledgements (coordinators: all).
    public static let alertsRead = Permission(rawValue: "alerts.read")

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}
