import CoordinationCore
import Foundation
import PostgresNIO

/// Trusting and distrusting the keys that sign plugin packages: written by the schema owner,
/// audited, and checked again in the transaction of every package install.
extension PluginInstaller {
    /// Trusts `publisher` (its fingerprint, key and name); trusting a trusted key renames it.
    public func trust(_ publisher: TrustedPublisher, by caller: Caller) async throws(CoordinationError) -> TrustedPublisher {
        try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                """
                INSERT INTO coord.plugin_publisher (fingerprint, public_key, name, trusted_at, trusted_by)
                VALUES (\(publisher.fingerprint), \(ByteBuffer(bytes: publisher.publicKey)), \(publisher.name),
                        \(publisher.trustedAt), \(caller.name))
                ON CONFLICT (fingerprint) DO UPDATE SET name = EXCLUDED.name
                """, logger: logger)
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: "plugin.publisher.trust",
                    detail: "trusted publisher key \(publisher.fingerprint) (\(publisher.name))", at: publisher.trustedAt),
                on: connection, logger: logger)
            return try await PluginPackageStore.publishers(on: connection, logger: logger, fingerprint: publisher.fingerprint)
                .first ?? publisher
        }
    }

    /// Stops trusting the key whose fingerprint is, or starts with, `fingerprint`.
    public func distrust(_ fingerprint: String, by caller: Caller, at date: Date) async throws(CoordinationError) -> TrustedPublisher {
        try await database.transaction { [logger = database.logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            let matching = try await PluginPackageStore.publishers(on: connection, logger: logger)
                .filter { $0.fingerprint.hasPrefix(fingerprint) || $0.fingerprint.hasPrefix("ed25519:" + fingerprint) }
            guard matching.count == 1, let publisher = matching.first else {
                throw CoordinationError(
                    code: matching.isEmpty ? .notFound : .invalidArgument,
                    message: matching.isEmpty
                        ? "no trusted publisher key has the fingerprint '\(fingerprint)'; see coord plugin publishers"
                        : "'\(fingerprint)' names \(matching.count) trusted keys; give more of the fingerprint")
            }
            try await connection.query(
                "DELETE FROM coord.plugin_publisher WHERE fingerprint = \(publisher.fingerprint)", logger: logger)
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: "plugin.publisher.distrust",
                    detail: "no longer trusts publisher key \(publisher.fingerprint) (\(publisher.name))", at: date),
                on: connection, logger: logger)
            return publisher
        }
    }

    /// The name `publicKey` (of `fingerprint`) is trusted under; refused when it is not trusted.
    static func trustedName(
        of fingerprint: String, publicKey: Data, pluginID: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> String {
        let trusted = try await PluginPackageStore.publishers(on: connection, logger: logger, fingerprint: fingerprint)
        guard let publisher = trusted.first, publisher.publicKey == publicKey else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "the package of '\(pluginID)' is signed by key \(fingerprint), which this deployment does not trust; check the key with its publisher, then run coord plugin trust <key.pub>")
        }
        return publisher.name
    }
}
