/// The one place that decides which permissions a caller holds.
public enum AccessControl {
    /// Permissions every authenticated caller holds.
    private static let everyone: Set<Permission> = [.directoryRead]
    /// What every department's people and systems share: their notices, their meetings,
    /// tasks and indicators.
    private static let departmentWork: Set<Permission> = [
        .noticesRead, .meetingsParticipate, .tasksRead, .indicatorsRead, .referralsRead, .alertsRead, .alertsAcknowledge,
    ]

    /// What a department's case handling needs: publishing and reading records, reporting,
    /// referring, raising alerts.
    private static let caseWork: Set<Permission> = [
        .recordsPublish, .recordsRead, .tasksReport, .indicatorsReport, .referralsWork, .alertsRaise,
    ]

    /// The permissions `caller` holds.
    public static func permissions(of caller: Caller) -> Set<Permission> {
        switch caller.kind {
        case .system:
            return everyone.union(departmentWork).union(caseWork)
        case .person(.officer):
            return everyone.union(departmentWork).union(caseWork).union([.emergencyAccess])
        case .person(.coordinator):
            return everyone.union(departmentWork).union([
                .pluginsRead, .recordsRead, .emergencyAccess, .auditRead, .analysisRead, .meetingsManage, .tasksManage,
                .indicatorsManage, .alertsRaise, .coordinationOversee,
            ])
        case .person(.auditor):
            return everyone.union([.auditRead, .auditDetail])
        case .person(.administrator):
            return everyone.union([.directoryWrite, .certificatesManage, .pluginsRead, .pluginsManage, .serverStatus])
        }
    }

    /// Throws `permissionDenied`, naming the permission, unless `caller` holds `permission`.
    public static func require(_ permission: Permission, of caller: Caller) throws(CoordinationError) {
        guard permissions(of: caller).contains(permission) else {
            throw .permissionDenied(permission, caller: caller)
        }
    }
}
