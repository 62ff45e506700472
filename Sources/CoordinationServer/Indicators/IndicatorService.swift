import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import GRPCCore

/// `coordination.indicators.v1.IndicatorService`: definitions and targets (coordinators),
/// reports (the owning department), roll-ups and attainment (everyone).
struct IndicatorService: Indicators_IndicatorService.SimpleServiceProtocol {
    let store: IndicatorStore
    let directory: DirectoryStore
    let clock: any CoordinationClock

    func defineIndicator(
        request: Indicators_DefineIndicatorRequest, context: ServerContext
    ) async throws -> Indicators_Indicator {
        let caller = try context.caller(requiring: .indicatorsManage)
        let indicator = try Indicator(request)
        try IndicatorRules.validate(indicator)
        guard try await directory.department(code: indicator.ownerDepartment) != nil else {
            throw CoordinationError.invalidArgument(
                field: "indicator.owner_department", "no department '\(indicator.ownerDepartment)' is registered")
        }
        try await store.define(indicator, by: caller, at: clock.now())
        return indicator.proto
    }

    func setTargets(request: Indicators_SetTargetsRequest, context: ServerContext) async throws -> Indicators_Indicator {
        let caller = try context.caller(requiring: .indicatorsManage)
        let indicator = try await indicator(request.code)
        let target = try IndicatorTarget(
            baseline: request.hasBaseline ? request.baseline : nil, steps: request.targets, kind: indicator.period)
        return try await store.setTargets(target, of: indicator, by: caller, at: clock.now()).proto
    }

    func listIndicators(
        request: Indicators_ListIndicatorsRequest, context: ServerContext
    ) async throws -> Indicators_ListIndicatorsResponse {
        _ = try context.caller(requiring: .indicatorsRead)
        let indicators = try await store.indicators(owner: request.ownerDepartment.isEmpty ? nil : request.ownerDepartment)
        return .with { $0.indicators = indicators.map(\.proto) }
    }

    func getIndicator(request: Indicators_GetIndicatorRequest, context: ServerContext) async throws -> Indicators_Indicator {
        _ = try context.caller(requiring: .indicatorsRead)
        return try await indicator(request.code).proto
    }

    func reportValue(
        request: Indicators_ReportValueRequest, context: ServerContext
    ) async throws -> Indicators_ReportValueResponse {
        let caller = try context.caller(requiring: .indicatorsReport)
        let indicator = try await indicator(request.code)
        guard caller.departmentCode == indicator.ownerDepartment else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "\(caller.summary) may not report indicator '\(indicator.code)': only its owning department '\(indicator.ownerDepartment)' reports it")
        }
        let period = try ReportingPeriod(parsing: request.period, kind: indicator.period, field: "period")
        let jurisdiction = try await jurisdiction(request.jurisdictionCode, field: "jurisdiction_code")
        let (numerator, denominator) = try IndicatorRules.validateReport(
            numerator: request.numerator, denominator: request.denominator, of: indicator, at: jurisdiction)
        let stored = try await store.report(
            IndicatorReport(
                indicatorCode: indicator.code, jurisdictionCode: jurisdiction.code, period: period, numerator: numerator,
                denominator: denominator),
            for: caller.departmentCode, by: caller, at: clock.now())
        return .with {
            $0.code = indicator.code
            $0.jurisdictionCode = stored.jurisdictionCode
            $0.period = stored.period.description
            $0.numerator = stored.numerator
            $0.denominator = stored.denominator
            $0.revision = Int32(stored.revision)
            if let value = indicator.value(numerator: stored.numerator, denominator: stored.denominator) { $0.value = value }
        }
    }

    func rollup(request: Indicators_RollupRequest, context: ServerContext) async throws -> Indicators_RollupResponse {
        _ = try context.caller(requiring: .indicatorsRead)
        let indicator = try await indicator(request.code)
        let period = try ReportingPeriod(parsing: request.period, kind: indicator.period, field: "period")
        var root: String?
        if !request.rootJurisdictionCode.isEmpty {
            root = try await startingPoint(request.rootJurisdictionCode, of: indicator, field: "root_jurisdiction_code").code
        }
        let rows = IndicatorRollup.rollUp(
            try await store.reports(of: indicator, periods: [period]), of: indicator,
            tree: try await directory.jurisdictions(), root: root)
        return .with {
            $0.indicator = indicator.proto
            $0.period = period.description
            $0.rows = rows.map { row in
                .with {
                    $0.jurisdictionCode = row.jurisdiction.code
                    $0.level = Directory_JurisdictionLevel(rawValue: row.jurisdiction.level.rawValue) ?? .unspecified
                    $0.parentCode = row.jurisdiction.parentCode ?? ""
                    $0.depth = Int32(row.depth)
                    $0.numerator = row.numerator
                    $0.denominator = row.denominator
                    if let value = row.value { $0.value = value }
                    $0.reported = Int32(row.reported)
                    $0.expected = Int32(row.expected)
                    if let judgement = IndicatorAttainment.judge(row.value, of: indicator, in: period) {
                        $0.judgement = judgement.proto
                    }
                }
            }
        }
    }

    func attainment(
        request: Indicators_AttainmentRequest, context: ServerContext
    ) async throws -> Indicators_AttainmentResponse {
        _ = try context.caller(requiring: .indicatorsRead)
        let indicator = try await indicator(request.code)
        let jurisdiction = try await startingPoint(request.jurisdictionCode, of: indicator, field: "jurisdiction_code")
        let first = try ReportingPeriod(parsing: request.fromPeriod, kind: indicator.period, field: "from_period")
        let last = try ReportingPeriod(parsing: request.toPeriod, kind: indicator.period, field: "to_period")
        let periods = try ReportingPeriod.range(from: first, through: last, field: "to_period")
        let points = IndicatorAttainment.series(
            try await store.reports(of: indicator, periods: periods), of: indicator, at: jurisdiction.code,
            tree: try await directory.jurisdictions(), periods: periods)
        return .with {
            $0.indicator = indicator.proto
            $0.jurisdictionCode = jurisdiction.code
            $0.points = points.map { point in
                .with {
                    $0.period = point.period.description
                    $0.numerator = point.numerator
                    $0.denominator = point.denominator
                    if let value = point.value { $0.value = value }
                    $0.reported = Int32(point.reported)
                    $0.expected = Int32(point.expected)
                    if let step = point.step { $0.step = step.proto }
                    if let judgement = point.judgement { $0.judgement = judgement.proto }
                }
            }
            $0.trend = IndicatorAttainment.trend(points.map(\.value)).proto
        }
    }

    // MARK: - Lookups

    private func indicator(_ code: String) async throws -> Indicator {
        guard !code.isEmpty else { throw CoordinationError.invalidArgument(field: "code", "is required") }
        guard let indicator = try await store.indicator(code: code) else {
            throw CoordinationError(code: .notFound, message: "no indicator '\(code)' is defined")
        }
        return indicator
    }

    private func jurisdiction(_ code: String, field: String) async throws -> Jurisdiction {
        guard !code.isEmpty else { throw CoordinationError.invalidArgument(field: field, "is required") }
        guard let jurisdiction = try await directory.jurisdiction(code: code) else {
            throw CoordinationError.invalidArgument(field: field, "no jurisdiction '\(code)' is registered")
        }
        return jurisdiction
    }

    /// A jurisdiction a roll-up or series may start from: at or above the indicator's level.
    private func startingPoint(_ code: String, of indicator: Indicator, field: String) async throws -> Jurisdiction {
        let jurisdiction = try await jurisdiction(code, field: field)
        guard jurisdiction.level <= indicator.level else {
            throw CoordinationError.invalidArgument(
                field: field,
                "'\(code)' is a \(jurisdiction.level), below the level indicator '\(indicator.code)' is reported at (\(indicator.level))")
        }
        return jurisdiction
    }
}
