import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore

/// `coordination.analysis.v1.AnalysisService`: rolled-up counts, small ones withheld as
/// ``Disclosure/analysis(_:tree:period:scope:)`` decides.
struct AnalysisService: Analysis_AnalysisService.SimpleServiceProtocol {
    let analysis: AnalysisStore
    let directory: DirectoryStore
    let clock: any CoordinationClock

    func countRecords(
        request: Analysis_CountRecordsRequest, context: ServerContext
    ) async throws -> Analysis_CountRecordsResponse {
        let caller = try context.caller(requiring: .analysisRead)
        let period: AnalysisRollup.Period
        switch request.period {
        case .unspecified, .month: period = .month
        case .quarter: period = .quarter
        case .year: period = .year
        case .UNRECOGNIZED: throw CoordinationError.invalidArgument(field: "period", "must be month, quarter or year")
        }
        let (counts, scope) = try await analysis.counts(
            recordType: request.recordType.isEmpty ? nil : request.recordType, period: period, as: caller, at: clock.now())
        let cells = Disclosure.analysis(counts, tree: try await directory.jurisdictions(), period: period, scope: scope)
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        return .with {
            $0.cells = cells.map { cell in
                .with {
                    $0.recordType = cell.recordType
                    $0.jurisdictionCode = cell.jurisdiction.code
                    $0.jurisdictionLevel = "\(cell.jurisdiction.level)"
                    $0.riskLevel = cell.riskLevel.map(String.init) ?? ""
                    $0.periodStart = day.string(from: cell.periodStart)
                    $0.count = cell.display
                }
            }
        }
    }
}
