import CoordinationCore
import Foundation
import PostgresNIO

/// Reads the plugin packages stored on the deployment and the publisher keys it trusts.
public struct PluginPackageStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The package of every packaged plugin installed (enabled or not); the file only of those
    /// whose digest is not in `known`, the packages the caller has already read.
    public func packages(known: Set<String> = []) async throws(CoordinationError) -> [StoredPluginPackage] {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT plugin_id, digest, CASE WHEN digest = ANY(\(Array(known))::text[]) THEN NULL ELSE file END
                FROM coord.plugin_package ORDER BY plugin_id
                """, logger: logger)
            var packages: [StoredPluginPackage] = []
            for try await (id, digest, file) in rows.decode((String, String, ByteBuffer?).self) {
                packages.append(StoredPluginPackage(pluginID: id, digest: digest, file: file.map { Data(buffer: $0) }))
            }
            return packages
        }
    }

    /// The publisher keys trusted, by name.
    public func publishers() async throws(CoordinationError) -> [TrustedPublisher] {
        try await database.withConnection { [logger = database.logger] connection in
            try await Self.publishers(on: connection, logger: logger)
        }
    }

    /// The trusted publisher keys read on `connection`: every one, or only `fingerprint`'s.
    static func publishers(
        on connection: PostgresConnection, logger: Logger, fingerprint: String? = nil
    ) async throws -> [TrustedPublisher] {
        let rows = try await connection.query(
            """
            SELECT fingerprint, public_key, name, trusted_at, trusted_by FROM coord.plugin_publisher
            WHERE \(fingerprint)::text IS NULL OR fingerprint = \(fingerprint)
            ORDER BY name, fingerprint
            """, logger: logger)
        var publishers: [TrustedPublisher] = []
        for try await (fingerprint, key, name, trustedAt, trustedBy) in rows.decode((String, ByteBuffer, String, Date, String).self) {
            publishers.append(TrustedPublisher(
                fingerprint: fingerprint, publicKey: Data(buffer: key), name: name, trustedAt: trustedAt, trustedBy: trustedBy))
        }
        return publishers
    }
}
