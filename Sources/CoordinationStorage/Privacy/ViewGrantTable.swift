import CoordinationCore
import PostgresNIO

/// The grants the database enforces (`coord.view_grant`), kept equal to what the active
/// plugins declare. Written by the schema owner only.
enum ViewGrantTable {
    /// Replaces the grants of every record type but those of installed plugin packages with
    /// `rows` inside the caller's transaction: the grants of the plugins built into the server.
    static func replaceBuiltIn(with rows: [Disclosure.GrantRow], on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            DELETE FROM coord.view_grant
            WHERE record_type NOT IN (SELECT unnest(record_types) FROM coord.plugin_package)
            """, logger: logger)
        try await insert(rows, on: connection, logger: logger)
    }

    /// Replaces the grants of `recordTypes` with `rows` (of those types; none to withdraw them)
    /// inside the caller's transaction.
    static func replace(
        recordTypes: [String], with rows: [Disclosure.GrantRow], on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query("DELETE FROM coord.view_grant WHERE record_type = ANY(\(recordTypes))", logger: logger)
        try await insert(rows, on: connection, logger: logger)
    }

    private static func insert(_ rows: [Disclosure.GrantRow], on connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO coord.view_grant (viewer_department, record_type, purpose, legal_basis, minimum_risk_level)
            SELECT * FROM unnest(\(rows.map(\.viewer))::text[], \(rows.map(\.recordType))::text[],
                                 \(rows.map(\.purpose.rawValue))::text[], \(rows.map(\.legalBasis.rawValue))::text[],
                                 \(rows.map { Int16(clamping: $0.minimumRiskLevel) })::smallint[])
            """, logger: logger)
    }
}
