import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Storing the package a packaged plugin is installed or upgraded from, once its signer is
/// found trusted in the installing transaction.
extension PluginInstaller {
    /// Stores `package` as the source of `manifest` after checking that its signer is trusted;
    /// returns the signer as the audit entry names it (`nil` for a plugin built into the server).
    static func store(
        _ package: SignedPackage?, of manifest: PluginManifest, at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> String? {
        guard let package else { return nil }
        let name = try await trustedName(
            of: package.signerFingerprint, publicKey: package.signerPublicKey, pluginID: manifest.id,
            on: connection, logger: logger)
        try await connection.query(
            """
            INSERT INTO coord.plugin_package
                (plugin_id, version, digest, signer_fingerprint, signer_name, record_types, file, stored_at)
            VALUES (\(manifest.id), \(package.version), \(package.digest), \(package.signerFingerprint), \(name),
                    \(package.recordTypes), \(ByteBuffer(bytes: package.file)), \(date))
            ON CONFLICT (plugin_id) DO UPDATE
            SET version = EXCLUDED.version, digest = EXCLUDED.digest, signer_fingerprint = EXCLUDED.signer_fingerprint,
                signer_name = EXCLUDED.signer_name, record_types = EXCLUDED.record_types, file = EXCLUDED.file,
                stored_at = EXCLUDED.stored_at
            """, logger: logger)
        return "\(name) (\(package.signerFingerprint)), digest \(package.digest)"
    }
}
