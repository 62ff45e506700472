import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import SwiftProtobuf

/// `coordination.evaluation.v1.EvaluationService`: the supervision and evaluation (督导评估)
/// of each department for a year, and the coordinators' feedback.
struct EvaluationService: Evaluation_EvaluationService.SimpleServiceProtocol {
    let store: EvaluationStore
    let indicators: IndicatorStore
    let directory: DirectoryStore
    let clock: any CoordinationClock

    func evaluate(request: Evaluation_EvaluateRequest, context: ServerContext) async throws -> Evaluation_EvaluateResponse {
        let caller = try context.caller(requiring: .indicatorsRead)
        let year = try Self.year(request.year)
        let wanted = try Disclosure.evaluatedDepartment(
            requested: request.departmentCode.isEmpty ? nil : request.departmentCode, for: Reader(caller))
        var departments = try await directory.departments()
        if let wanted {
            departments = departments.filter { $0.code == wanted }
            guard !departments.isEmpty else {
                throw CoordinationError.invalidArgument(field: "department_code", "no department '\(wanted)' is registered")
            }
        }
        let (start, end) = Self.bounds(of: year)
        let tasks = Dictionary(grouping: try await store.leadTasks(dueFrom: start, before: end, as: Reader(caller)), by: \.leadDepartment)
        let feedback = try await store.feedback(year: year)
        let tree = try await directory.jurisdictions()
        let owned = Dictionary(grouping: try await indicators.indicators(), by: \.ownerDepartment)
        let reports = try await indicators.reports(of: departments.flatMap { owned[$0.code] ?? [] }) {
            ReportingPeriod.all(in: year, kind: $0.period)
        }
        let now = clock.now()

        var evaluations: [(Department, DepartmentEvaluation)] = []
        for department in departments {
            var outcomes: [DepartmentEvaluation.IndicatorOutcome] = []
            let counties = DepartmentEvaluation.counties(for: department.jurisdictionCode, tree: tree)
            for indicator in owned[department.code] ?? [] {
                outcomes += DepartmentEvaluation.outcomes(
                    of: indicator, in: year, counties: counties, reports: reports[indicator.code] ?? [], tree: tree)
            }
            evaluations.append((department, DepartmentEvaluation(
                departmentCode: department.code, year: year,
                tasks: .init(tasks[department.code] ?? [], at: now), indicators: outcomes,
                feedback: feedback[department.code])))
        }
        return .with {
            $0.year = Int32(year)
            $0.departments = evaluations.map { department, evaluation in evaluation.proto(department) }
        }
    }

    func recordFeedback(request: Evaluation_RecordFeedbackRequest, context: ServerContext) async throws -> Evaluation_Feedback {
        let caller = try context.caller(requiring: .indicatorsManage)
        var violations: [CoordinationError.Violation] = []
        do { _ = try Self.year(request.year) } catch { violations += error.violations }
        if request.departmentCode.isEmpty {
            violations.append(.init(field: "department_code", description: "is required"))
        }
        let text = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 4000 {
            violations.append(.init(field: "text", description: "must be 1–4000 characters"))
        }
        if !violations.isEmpty { throw CoordinationError.invalidArguments(violations) }
        let feedback = try await store.recordFeedback(
            text, to: request.departmentCode, year: Int(request.year), by: caller, at: clock.now())
        return feedback.proto(year: Int(request.year), department: request.departmentCode)
    }

    private static func year(_ year: Int32) throws(CoordinationError) -> Int {
        guard (1000...9999).contains(year) else { throw .invalidArgument(field: "year", "must be a year such as 2026") }
        return Int(year)
    }

    /// The first instant of `year` and of the year after, in UTC.
    private static func bounds(of year: Int) -> (Date, Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
        return (start, end)
    }
}

extension DepartmentEvaluation {
    func proto(_ department: Department) -> Evaluation_DepartmentEvaluation {
        .with {
            $0.departmentCode = department.code
            $0.departmentNameZh = department.nameZh
            $0.departmentNameEn = department.nameEn
            $0.tasks = .with {
                $0.total = Int32(tasks.total)
                $0.onTime = Int32(tasks.onTime)
                $0.late = Int32(tasks.late)
                $0.overdue = Int32(tasks.overdue)
                $0.open = Int32(tasks.open)
            }
            $0.indicators = indicators.map { outcome in
                .with {
                    let indicator = outcome.indicator
                    $0.indicatorCode = indicator.code
                    $0.indicatorNameEn = indicator.nameEn
                    $0.indicatorNameZh = indicator.nameZh
                    $0.jurisdictionCode = outcome.jurisdictionCode
                    $0.period = outcome.period?.description ?? ""
                    if let value = outcome.value {
                        $0.value = value
                        $0.displayValue = indicator.unit.format(value)
                    }
                    if let step = outcome.step {
                        $0.threshold = step.threshold
                        $0.deadline = step.deadline.description
                        $0.displayThreshold = indicator.direction.symbol + indicator.unit.format(step.threshold)
                    }
                    $0.status = outcome.status.rawValue
                }
            }
            $0.indicatorsMet = Int32(count(.met))
            $0.indicatorsNotMet = Int32(count(.notMet))
            $0.indicatorsNotReported = Int32(count(.notReported))
            if let feedback { $0.feedback = feedback.proto(year: year, department: departmentCode) }
        }
    }
}

extension DepartmentEvaluation.Feedback {
    func proto(year: Int, department: String) -> Evaluation_Feedback {
        .with {
            $0.year = Int32(year)
            $0.departmentCode = department
            $0.text = text
            $0.writtenBy = writtenBy
            $0.writtenAt = Google_Protobuf_Timestamp(date: writtenAt)
        }
    }
}
