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
    /// Read the audit trail of a person and review emergency accesses.
    public static let auditRead = Permission(rawValue: "audit.read")
    /// See counts across departments (analysis).
    public static let analysisRead = Permission(rawValue: "analysis.read")
    /// List installed plugins.
    public static let pluginsRead = Permission(rawValue: "plugins.read")

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}
