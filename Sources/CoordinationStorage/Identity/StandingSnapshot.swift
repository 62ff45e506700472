import CoordinationCore
import PostgresNIO

/// What decides whether a certificate may call, as the database said when it was read: the
/// revoked serials, and each registered department with its disablement.
public struct StandingSnapshot: Sendable, Hashable {
    /// Revoked serials, canonical hex.
    public var revoked: Set<String>
    /// Registered departments; the reason of those disabled (`nil`: enabled).
    public var departments: [String: String?]

    public init(revoked: Set<String> = [], departments: [String: String?] = [:]) {
        self.revoked = revoked
        self.departments = departments
    }

    /// The standing of `caller`'s certificate. An administrator's certificate does not depend
    /// on its department: administrators register the departments.
    public func standing(of caller: Caller) -> CertificateRegistry.Standing {
        if revoked.contains(caller.certificateSerial) { return .revoked }
        if caller.role == .administrator { return .admitted }
        guard let disablement = departments[caller.departmentCode] else { return .unknownDepartment }
        if let reason = disablement { return .disabledDepartment(reason: reason) }
        return .admitted
    }

    /// Reads the snapshot, in one round trip.
    static func load(on connection: PostgresConnection, logger: Logger) async throws -> StandingSnapshot {
        var snapshot = StandingSnapshot()
        let rows = try await connection.query(
            """
            SELECT 'revoked', serial, NULL::text FROM coord.revoked_certificate
            UNION ALL
            SELECT CASE WHEN disabled_at IS NULL THEN 'enabled' ELSE 'disabled' END, code, coalesce(disabled_reason, '')
            FROM coord.department
            """, logger: logger)
        for try await (kind, key, reason) in rows.decode((String, String, String?).self) {
            switch kind {
            case "revoked": snapshot.revoked.insert(key)
            case "disabled": snapshot.departments[key] = .some(reason)
            default: snapshot.departments[key] = .some(nil)
            }
        }
        return snapshot
    }
}
