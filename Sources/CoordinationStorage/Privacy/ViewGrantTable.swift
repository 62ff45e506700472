import CoordinationCore
import PostgresNIO

/// The grants the database enforces (`coord.view_grant`), kept equal to what the active
/// plugins declare. Written by the schema owner only.
enum ViewGrantTable {
    /// Replaces the table's content with `rows` inside the caller's transaction.
    static func replace(with rows: [Disclosure.GrantRow], on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("DELETE FROM coord.view_grant", logger: logger)
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
            INSERT INTO coord.view_grant (viewer_department, record_type, purpose, legal_basis)
            SELECT * FROM unnest(\(rows.map(\.viewer))::text[], \(rows.map(\.recordType))::text[],
                                 \(rows.map(\.purpose.rawValue))::text[], \(rows.map(\.legalBasis.rawValue))::text[])
            """, logger: logger)
    }
}
