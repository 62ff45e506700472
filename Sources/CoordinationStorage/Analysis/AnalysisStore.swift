import CoordinationCore
import Foundation
import PostgresNIO

/// Counts of records across departments, through the aggregate-only `coord.record_counts`.
public struct AnalysisStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Monthly counts per record type, jurisdiction and risk level (not rolled up), for the
    /// whole county, and the jurisdictions `caller` may be shown; the read is audited.
    public func counts(
        recordType: String?, period: AnalysisRollup.Period, as caller: Caller, at date: Date
    ) async throws(CoordinationError) -> (counts: [AnalysisRollup.Count], scope: Set<String>) {
        try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            var scope = Set<String>()
            let jurisdictions = try await connection.query("SELECT coord.visible_jurisdictions()", logger: logger)
            for try await code in jurisdictions.decode(String.self) { scope.insert(code) }
            let rows = try await connection.query(
                """
                SELECT record_type, jurisdiction_code, risk_level, period, records
                FROM coord.record_counts('month')
                WHERE \(recordType)::text IS NULL OR record_type = \(recordType)
                """, logger: logger)
            var counts: [AnalysisRollup.Count] = []
            for try await (type, jurisdiction, risk, start, records) in rows.decode((String, String, Int16?, Date, Int64).self) {
                counts.append(AnalysisRollup.Count(
                    recordType: type, jurisdictionCode: jurisdiction, riskLevel: risk.map(Int.init), periodStart: start,
                    records: Int(records)))
            }
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: "analysis.count",
                    detail: "\(recordType ?? "all record types") per \(period.rawValue)", at: date),
                on: connection, logger: logger)
            return (counts, scope)
        }
    }
}
