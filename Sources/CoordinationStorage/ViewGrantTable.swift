import CoordinationCore
import PostgresNIO

/// The grants the database enforces (`coord.view_grant`), kept equal to what the plugins declare.
public enum ViewGrantTable {
    /// Replaces the table's content with `rows`, in one transaction, as the schema owner.
    public static func replace(with rows: [RecordPolicy.GrantRow], in database: Database) async throws(CoordinationError) {
        try await database.transaction { [logger = database.logger] connection in
            try await connection.query("DELETE FROM coord.view_grant", logger: logger)
            for row in rows {
                try await connection.query(
                    """
                    INSERT INTO coord.view_grant (viewer_department, record_type, purpose, legal_basis)
                    VALUES (\(row.viewer), \(row.recordType), \(row.purpose.rawValue), \(row.legalBasis.rawValue))
                    """, logger: logger)
            }
        }
    }
}
