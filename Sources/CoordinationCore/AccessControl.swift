/// The one place that decides which permissions a caller holds.
public enum AccessControl {
    /// Permissions every authenticated caller holds.
    private static let everyone: Set<Permission> = [.directoryRead]

    /// The permissions `caller` holds.
    public static func permissions(of caller: Caller) -> Set<Permission> {
        switch caller.kind {
        case .system, .person(.officer):
            return everyone.union([.recordsPublish, .recordsRead])
        case .person(.coordinator):
            return everyone.union([.pluginsRead, .recordsRead, .auditRead, .analysisRead])
        case .person(.administrator):
            return everyone.union([.directoryWrite, .certificatesManage, .pluginsRead])
        }
    }

    /// Throws `permissionDenied`, naming the permission, unless `caller` holds `permission`.
    public static func require(_ permission: Permission, of caller: Caller) throws(CoordinationError) {
        guard permissions(of: caller).contains(permission) else {
            throw .permissionDenied(permission, caller: caller)
        }
    }
}
