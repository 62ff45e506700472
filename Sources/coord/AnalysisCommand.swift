import ArgumentParser
import CoordinationAPI

struct AnalysisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: tr("Counts of records across departments, rolled up the jurisdiction tree (coordinators)."),
        discussion: tr("Counts of 1 to 4, and counts that would give one away by subtraction or sum, show as x."))

    @OptionGroup var connection: ConnectionOptions
    @Option(help: .tr("month, quarter or year.")) var period: String = "month"
    @Option(help: .tr("Only this record type.")) var type: String = ""
    @Flag(help: .tr("Print JSON.")) var json = false

    struct Row: Encodable { let type: String, jurisdiction: String, level: String, risk: String, period: String, count: String }

    func run() async throws {
        let periods: [String: Analysis_Period] = ["month": .month, "quarter": .quarter, "year": .year]
        guard let wirePeriod = periods[period] else { throw ValidationError(tr("--period must be month, quarter or year")) }
        let cells = try await connection.with(Analysis_AnalysisService.self) { [type] service in
            try await service.countRecords(.with {
                $0.period = wirePeriod
                $0.recordType = type
            }).cells
        }
        let rows = cells.map {
            Row(type: $0.recordType, jurisdiction: $0.jurisdictionCode, level: $0.jurisdictionLevel,
                risk: $0.riskLevel.isEmpty ? "-" : $0.riskLevel, period: $0.periodStart, count: $0.count)
        }
        if json { return try Output.json(rows) }
        Output.table(["TYPE", "JURISDICTION", "LEVEL", "RISK", "PERIOD", "RECORDS"], rows.map {
            [$0.type, $0.jurisdiction, $0.level, $0.risk, $0.period, $0.count]
        })
    }
}
