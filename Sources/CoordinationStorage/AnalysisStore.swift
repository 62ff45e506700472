import CoordinationCore
import Foundation
import PostgresNIO

/// Counts of records across departments, through the aggregate-only `coord.record_counts`.
public struct AnalysisStore: Sendable {
    /// The length of an analysis period.
    public enum Period: String, Sendable {
        case month, quarter, year
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Counts per record type, jurisdiction, risk level and period (not rolled up).
    public func counts(per period: Period, recordType: String?) async throws(CoordinationError) -> [AnalysisRollup.Count] {
        try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT record_type, jurisdiction_code, risk_level, period, records
                FROM coord.record_counts(\(period.rawValue))
                WHERE \(recordType)::text IS NULL OR record_type = \(recordType)
                """, logger: logger)
            var counts: [AnalysisRollup.Count] = []
            for try await (type, jurisdiction, risk, start, records) in rows.decode((String, String, Int16?, Date, Int64).self) {
                counts.append(AnalysisRollup.Count(
                    recordType: type, jurisdictionCode: jurisdiction, riskLevel: risk.map(Int.init), periodStart: start,
                    records: Int(records)))
            }
            return counts
        }
    }
}
