import CoordinationCore
import Foundation
import PostgresNIO

/// The certificates this deployment knows and has revoked, and whether their departments may
/// call; every server instance keeps a copy of what decides it (``CertificateStandings``).
public struct CertificateRegistry: Sendable {
    /// One revocation.
    public struct Revocation: Sendable, Hashable {
        public var serial: String
        public var reason: String
        public var revokedBy: String
        public var revokedAt: Date
    }

    /// A certificate as the deployment knows it.
    public struct Known: Sendable, Hashable {
        /// How the deployment learned of a certificate.
        public enum Source: String, Sendable, Hashable {
            /// It made a call.
            case call
            /// It was handed in from the CA's ledger when it was revoked.
            case ledger
        }

        public var caller: Caller
        public var notAfter: Date
        public var source: Source

        public init(caller: Caller, notAfter: Date, source: Source) {
            self.caller = caller
            self.notAfter = notAfter
            self.source = source
        }
    }

    /// Whether a certificate may call.
    public enum Standing: Sendable, Hashable {
        case admitted
        case revoked
        /// Its department is not registered.
        case unknownDepartment
        /// Its department is disabled, for this reason.
        case disabledDepartment(reason: String)
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What decides every certificate's standing, as the database says now.
    public func snapshot() async throws(CoordinationError) -> StandingSnapshot {
        try await database.withConnection { [logger = database.logger] connection in
            try await StandingSnapshot.load(on: connection, logger: logger)
        }
    }

    /// Records `certificate` as known; a certificate already known keeps its first record.
    public func register(_ certificate: Known) async throws(CoordinationError) {
        try await database.withConnection { connection in
            try await Self.register(certificate, on: connection, logger: database.logger)
        }
    }

    private static func register(_ certificate: Known, on connection: PostgresConnection, logger: Logger) async throws {
        let caller = certificate.caller
        try await connection.query(
            """
            INSERT INTO coord.certificate (serial, kind, department_code, common_name, role, not_after, source)
            VALUES (\(caller.certificateSerial), \(caller.role == nil ? "system" : "person"), \(caller.departmentCode),
                    \(caller.name), \(caller.role?.rawValue), \(certificate.notAfter), \(certificate.source.rawValue))
            ON CONFLICT (serial) DO NOTHING
            """, logger: logger)
    }

    /// Revokes `serial` (canonical hex), which must be a known certificate — or `certificate`,
    /// handed in from the CA's ledger for one that never called. A second revocation keeps the
    /// first one's reason and time.
    public func revoke(
        serial: String, reason: String, by revoker: String, certificate: Known? = nil
    ) async throws(CoordinationError) -> Revocation {
        try await database.transaction { [logger = database.logger] connection in
            if let certificate { try await Self.register(certificate, on: connection, logger: logger) }
            let known = try await connection.query(
                """
                SELECT 1 FROM coord.certificate WHERE serial = \(serial)
                UNION ALL SELECT 1 FROM coord.revoked_certificate WHERE serial = \(serial)
                """, logger: logger)
            var isKnown = false
            for try await _ in known { isKnown = true }
            guard isKnown else {
                throw CoordinationError(
                    code: .notFound,
                    message: "no certificate with serial \(serial) is known here: it has never made a call. Check the serial with 'coord pki list', or revoke with --dir naming the CA folder that issued it, which sends the certificate itself")
            }
            try await connection.query(
                """
                INSERT INTO coord.revoked_certificate (serial, reason, revoked_by)
                VALUES (\(serial), \(reason), \(revoker)) ON CONFLICT (serial) DO NOTHING
                """, logger: logger)
            let rows = try await connection.query(
                "SELECT serial, reason, revoked_by, revoked_at FROM coord.revoked_certificate WHERE serial = \(serial)",
                logger: logger)
            for try await (serial, reason, by, at) in rows.decode((String, String, String, Date).self) {
                return Revocation(serial: serial, reason: reason, revokedBy: by, revokedAt: at)
            }
            throw CoordinationError(code: .internalError, message: "the revocation of \(serial) was not stored")
        }
    }

    /// Where a page of revocations ends: the last one's time (microseconds since 1970) and serial.
    public typealias RevocationPosition = (microseconds: Int64, serial: String)

    /// Up to `limit` revocations, most recent first, after `after` (the end of a previous page);
    /// and where this page ends, when more follow.
    public func revocations(
        after: RevocationPosition? = nil, limit: Int = 100
    ) async throws(CoordinationError) -> (revocations: [Revocation], next: RevocationPosition?) {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT serial, reason, revoked_by, revoked_at, (extract(epoch FROM revoked_at) * 1000000)::bigint AS position
                FROM coord.revoked_certificate
                WHERE \(after?.microseconds)::bigint IS NULL
                   OR ((extract(epoch FROM revoked_at) * 1000000)::bigint, serial) < (\(after?.microseconds), \(after?.serial))
                ORDER BY position DESC, serial DESC
                LIMIT \(limit + 1)
                """, logger: database.logger)
            var result: [(Revocation, Int64)] = []
            for try await (serial, reason, by, at, position) in rows.decode((String, String, String, Date, Int64).self) {
                result.append((Revocation(serial: serial, reason: reason, revokedBy: by, revokedAt: at), position))
            }
            guard result.count > limit else { return (result.map(\.0), nil) }
            let last = result[limit - 1]
            return (result.prefix(limit).map(\.0), (last.1, last.0.serial))
        }
    }
}
