import PostgresNIO

/// Removes the records of a purged plugin's types. A record nothing refers to is deleted; a
/// record another department's work still points at (an alert it raised, a referral it is
/// linked to, a task it created) keeps its row so that history stays whole, but loses its
/// content: fields, subject and risk level are erased.
enum PluginRecordPurge {
    /// Purges the records of `recordTypes`; returns how many there were.
    static func purge(recordTypes: [String], on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var total = 0
        let counted = try await connection.query(
            "SELECT count(*) FROM coord.record WHERE record_type = ANY(\(recordTypes))", logger: logger)
        for try await count in counted.decode(Int.self) { total = count }
        guard total > 0 else { return 0 }
        let references = try await referencingColumns(on: connection, logger: logger)
        // Table and column names come from the catalog, quoted.
        let unreferenced = references.map { " AND NOT EXISTS (SELECT 1 FROM \($0.table) x WHERE x.\($0.column) = r.id)" }.joined()
        try await connection.query(
            "DELETE FROM coord.record r WHERE r.record_type = ANY(\(recordTypes))\(unescaped: unreferenced)", logger: logger)
        try await connection.query(
            """
            UPDATE coord.record SET fields = '{}'::jsonb, subject_pseudonym = NULL, risk_level = NULL
            WHERE record_type = ANY(\(recordTypes))
            """, logger: logger)
        return total
    }

    /// Every column with a foreign key to `coord.record (id)`, as quoted SQL names.
    private static func referencingColumns(
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [(table: String, column: String)] {
        let rows = try await connection.query(
            """
            SELECT c.conrelid::regclass::text, quote_ident(a.attname)
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = 'coord.record'::regclass
            ORDER BY 1, 2
            """, logger: logger)
        var columns: [(String, String)] = []
        for try await (table, column) in rows.decode((String, String).self) { columns.append((table, column)) }
        return columns
    }
}
