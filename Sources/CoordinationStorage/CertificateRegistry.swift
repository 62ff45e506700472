import CoordinationCore
import Foundation
import PostgresNIO

/// Revoked client certificates, checked on every call by every server instance.
public struct RevocationStore: Sendable {
    /// One revocation.
    public struct Revocation: Sendable, Hashable {
        public var serial: String
        public var reason: String
        public var revokedBy: String
        public var revokedAt: Date
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Whether the certificate with `serial` (lower-case hex) is revoked.
    public func isRevoked(serial: String) async throws(CoordinationError) -> Bool {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT 1 FROM coord.revoked_certificate WHERE serial = \(serial)", logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// Revokes `serial`; a second revocation keeps the first one's reason and time.
    public func revoke(serial: String, reason: String, by revoker: String) async throws(CoordinationError) -> Revocation {
        try await database.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO coord.revoked_certificate (serial, reason, revoked_by)
                VALUES (\(serial), \(reason), \(revoker)) ON CONFLICT (serial) DO NOTHING
                """, logger: database.logger)
            let rows = try await connection.query(
                """
                SELECT serial, reason, revoked_by, revoked_at FROM coord.revoked_certificate WHERE serial = \(serial)
                """, logger: database.logger)
            for try await (serial, reason, by, at) in rows.decode((String, String, String, Date).self) {
                return Revocation(serial: serial, reason: reason, revokedBy: by, revokedAt: at)
            }
            throw CoordinationError(code: .internalError, message: "the revocation of \(serial) was not stored")
        }
    }

    /// Every revocation, most recent first.
    public func all() async throws(CoordinationError) -> [Revocation] {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT serial, reason, revoked_by, revoked_at FROM coord.revoked_certificate ORDER BY revoked_at DESC",
                logger: database.logger)
            var result: [Revocation] = []
            for try await (serial, reason, by, at) in rows.decode((String, String, String, Date).self) {
                result.append(Revocation(serial: serial, reason: reason, revokedBy: by, revokedAt: at))
            }
            return result
        }
    }
}
