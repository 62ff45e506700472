import CoordinationCore
import Foundation
import PostgresNIO

/// Indicator definitions, their targets, and the values departments report for them.
public struct IndicatorStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Defines `indicator` with its targets; `alreadyExists` for a used code, `invalidArgument`
    /// naming `indicator.owner_department` for an unknown department. Audited; the owning
    /// department is told.
    public func define(_ indicator: Indicator, by caller: Caller, at date: Date) async throws(CoordinationError) {
        do {
            try await database.transaction { [logger = database.logger] connection in
                try await Self.define(indicator, by: caller, at: date, on: connection, logger: logger)
            }
        } catch {
            switch error.cause.flatMap(DatabaseErrors.sqlState(of:)) {
            case DatabaseErrors.SQLState.uniqueViolation?:
                throw CoordinationError(code: .alreadyExists, message: "an indicator with code '\(indicator.code)' already exists")
            case DatabaseErrors.SQLState.foreignKeyViolation?:
                throw .invalidArgument(field: "indicator.owner_department", "no department '\(indicator.ownerDepartment)' is registered")
            default:
                throw error
            }
        }
    }

    /// Defines `indicator` inside the caller's transaction: the definition, its target steps,
    /// the audit entry and the owning department's notice.
    static func define(
        _ indicator: Indicator, by caller: Caller, at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let (unit, per) = Self.columns(indicator.unit)
        try await connection.query(
            """
            INSERT INTO coord.indicator (
                code, name_zh, name_en, numerator_description, denominator_description, unit, ratio_per,
                owner_department, direction, level, period, source, baseline_value, baseline_period,
                defined_by, defined_at, targets_set_at)
            VALUES (
                \(indicator.code), \(indicator.nameZh), \(indicator.nameEn), \(indicator.numeratorDescription),
                \(indicator.denominatorDescription), \(unit), \(per), \(indicator.ownerDepartment),
                \(indicator.direction.rawValue), \(Int16(indicator.level.rawValue)), \(indicator.period.rawValue),
                \(indicator.source), \(indicator.target.baseline?.value), \(indicator.target.baseline?.period.description),
                \(caller.name), \(date), \(indicator.target.steps.isEmpty ? nil : date))
            """, logger: logger)
        try await Self.insertSteps(indicator.target.steps, of: indicator.code, on: connection, logger: logger)
        try await AuditLog.append(
            AuditEvent(
                caller: caller, action: "indicator.define",
                detail: "\(indicator.code) owned by \(indicator.ownerDepartment); \(Self.describe(indicator.target, of: indicator))",
                at: date),
            on: connection, logger: logger)
        try await NoticeOutbox.post(
            [NoticeDraft(
                to: indicator.ownerDepartment, kind: .indicatorDefined, subject: "indicator/\(indicator.code)",
                title: "New indicator to report: \(indicator.nameZh) (\(indicator.code))",
                detail: "per \(indicator.level) and \(indicator.period); \(Self.describe(indicator.target, of: indicator))")],
            at: date, on: connection, logger: logger)
    }

    /// Replaces the baseline and target steps of `indicator` (as read from this store).
    /// Audited; the owning department is told. Returns the updated indicator.
    public func setTargets(
        _ target: IndicatorTarget, of indicator: Indicator, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> Indicator {
        try IndicatorRules.validate(target, of: indicator, requireSteps: true)
        let code = indicator.code
        var indicator = indicator
        indicator.target = target
        try await database.transaction { [logger = database.logger, indicator] connection in
            try await connection.query(
                """
                UPDATE coord.indicator SET baseline_value = \(target.baseline?.value),
                    baseline_period = \(target.baseline?.period.description), targets_set_at = \(date)
                WHERE code = \(code)
                """, logger: logger)
            try await connection.query("DELETE FROM coord.indicator_target_step WHERE indicator_code = \(code)", logger: logger)
            try await Self.insertSteps(target.steps, of: code, on: connection, logger: logger)
            try await AuditLog.append(
                AuditEvent(caller: caller, action: "indicator.targets", detail: "\(code): \(Self.describe(target, of: indicator))", at: date),
                on: connection, logger: logger)
            try await NoticeOutbox.post(
                [NoticeDraft(
                    to: indicator.ownerDepartment, kind: .indicatorTargetsSet, subject: "indicator/\(code)",
                    title: "New targets for \(indicator.nameZh) (\(code))",
                    detail: Self.describe(target, of: indicator))],
                at: date, on: connection, logger: logger)
        }
        return indicator
    }

    /// Every indicator, or those `owner` reports, ordered by code.
    public func indicators(owner: String? = nil) async throws(CoordinationError) -> [Indicator] {
        try await load(code: nil, owner: owner)
    }

    /// The indicator with `code`, if defined.
    public func indicator(code: String) async throws(CoordinationError) -> Indicator? {
        try await load(code: code, owner: nil).first
    }

    /// Stores `report` as the current value for its indicator, jurisdiction and period, keeping
    /// every earlier value as a revision. Audited. Returns the report with its revision.
    public func report(
        _ report: IndicatorReport, for department: String, by caller: Caller, at date: Date
    ) async throws(CoordinationError) -> IndicatorReport {
        try await database.transaction { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                INSERT INTO coord.indicator_report (
                    indicator_code, period, jurisdiction_code, numerator, denominator, revision,
                    reporter_department, reported_by, reported_at)
                VALUES (\(report.indicatorCode), \(report.period.description), \(report.jurisdictionCode),
                        \(report.numerator), \(report.denominator), 1, \(department), \(caller.name), \(date))
                ON CONFLICT (indicator_code, period, jurisdiction_code) DO UPDATE SET
                    numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                    revision = coord.indicator_report.revision + 1, reporter_department = EXCLUDED.reporter_department,
                    reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at
                RETURNING revision
                """, logger: logger)
            var revision = 1
            for try await value in rows.decode(Int32.self) { revision = Int(value) }
            try await connection.query(
                """
                INSERT INTO coord.indicator_report_revision (
                    indicator_code, period, jurisdiction_code, revision, numerator, denominator,
                    reporter_department, reported_by, reported_at)
                VALUES (\(report.indicatorCode), \(report.period.description), \(report.jurisdictionCode), \(Int32(revision)),
                        \(report.numerator), \(report.denominator), \(department), \(caller.name), \(date))
                """, logger: logger)
            try await AuditLog.append(
                AuditEvent(
                    caller: caller, action: "indicator.report",
                    detail: "\(report.indicatorCode) at \(report.jurisdictionCode) for \(report.period): "
                        + "\(report.numerator)/\(report.denominator) (revision \(revision))",
                    at: date),
                on: connection, logger: logger)
            var stored = report
            stored.revision = revision
            stored.reportedBy = caller.name
            stored.reportedAt = date
            return stored
        }
    }

    /// The current reports of `indicator` for `periods`.
    public func reports(of indicator: Indicator, periods: [ReportingPeriod]) async throws(CoordinationError) -> [IndicatorReport] {
        try await reports(of: [indicator], periods: { _ in periods })[indicator.code] ?? []
    }

    /// The current reports of every indicator of `indicators` for the periods `periods` gives
    /// it, by indicator code, in one query.
    public func reports(
        of indicators: [Indicator], periods: @Sendable (Indicator) -> [ReportingPeriod]
    ) async throws(CoordinationError) -> [String: [IndicatorReport]] {
        guard !indicators.isEmpty else { return [:] }
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = Dictionary(indicators.map { ($0.code, Set(periods($0).map(\.description))) }, uniquingKeysWith: { $0.union($1) })
        let (codes, texts) = (Array(byCode.keys), Array(wanted.values.reduce(into: Set<String>()) { $0.formUnion($1) }))
        return try await database.withConnection { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                SELECT indicator_code, jurisdiction_code, period, numerator, denominator, revision, reported_by, reported_at
                FROM coord.indicator_report
                WHERE indicator_code = ANY(\(codes)) AND period = ANY(\(texts))
                ORDER BY indicator_code, period, jurisdiction_code
                """, logger: logger)
            var reports: [String: [IndicatorReport]] = [:]
            for try await (code, jurisdiction, period, numerator, denominator, revision, by, at) in rows.decode(
                (String, String, String, Int64, Int64, Int32, String, Date).self)
            {
                guard let indicator = byCode[code], wanted[code]?.contains(period) == true,
                      let period = try? ReportingPeriod(parsing: period, kind: indicator.period, field: "period") else { continue }
                reports[code, default: []].append(IndicatorReport(
                    indicatorCode: code, jurisdictionCode: jurisdiction, period: period, numerator: numerator,
                    denominator: denominator, revision: Int(revision), reportedBy: by, reportedAt: at))
            }
            return reports
        }
    }

    // MARK: - Rows

    private func load(code: String?, owner: String?) async throws(CoordinationError) -> [Indicator] {
        try await database.withConnection { [logger = database.logger] connection in
            var stepsByCode: [String: [IndicatorTarget.Step]] = [:]
            let stepRows = try await connection.query(
                """
                SELECT indicator_code, threshold, deadline::text FROM coord.indicator_target_step
                WHERE \(code)::text IS NULL OR indicator_code = \(code)
                ORDER BY indicator_code, position
                """, logger: logger)
            for try await (indicator, threshold, deadline) in stepRows.decode((String, Double, String).self) {
                guard let day = try? CalendarDay(parsing: deadline, field: "deadline") else { continue }
                stepsByCode[indicator, default: []].append(.init(threshold: threshold, deadline: day))
            }
            let rows = try await connection.query(
                """
                SELECT code, name_zh, name_en, numerator_description, denominator_description, unit, ratio_per,
                       owner_department, direction, level, period, source, baseline_value, baseline_period
                FROM coord.indicator
                WHERE (\(code)::text IS NULL OR code = \(code)) AND (\(owner)::text IS NULL OR owner_department = \(owner))
                ORDER BY code
                """, logger: logger)
            var indicators: [Indicator] = []
            for try await row in rows.decode(
                (String, String, String, String, String, String, Int32, String, String, Int16, String, String, Double?, String?).self)
            {
                guard let direction = IndicatorDirection(rawValue: row.8),
                    let level = JurisdictionLevel(rawValue: Int(row.9)),
                    let period = ReportingPeriod.Kind(rawValue: row.10)
                else { continue }
                let unit: IndicatorUnit = row.5 == "percent" ? .percent : row.5 == "ratio" ? .ratio(per: Int(row.6)) : .count
                var baseline: IndicatorTarget.Baseline?
                if let value = row.12, let text = row.13,
                    let baselinePeriod = try? ReportingPeriod(parsing: text, kind: period, field: "baseline.period")
                {
                    baseline = .init(value: value, period: baselinePeriod)
                }
                indicators.append(Indicator(
                    code: row.0, nameZh: row.1, nameEn: row.2, numeratorDescription: row.3, denominatorDescription: row.4,
                    unit: unit, ownerDepartment: row.7, direction: direction, level: level, period: period, source: row.11,
                    target: IndicatorTarget(baseline: baseline, steps: stepsByCode[row.0] ?? [])))
            }
            return indicators
        }
    }

    private static func insertSteps(
        _ steps: [IndicatorTarget.Step], of code: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        for (position, step) in steps.enumerated() {
            try await connection.query(
                """
                INSERT INTO coord.indicator_target_step (indicator_code, position, threshold, deadline)
                VALUES (\(code), \(Int16(position)), \(step.threshold), \(step.deadline.description)::date)
                """, logger: logger)
        }
    }

    private static func columns(_ unit: IndicatorUnit) -> (String, Int32) {
        if case .ratio(let per) = unit { return (unit.name, Int32(per)) }
        return (unit.name, 1)
    }

    /// E.g. `baseline 5.0% (2018); ≥20.0% by 2019-12-31, ≥50.0% by 2020-12-31`.
    static func describe(_ target: IndicatorTarget, of indicator: Indicator) -> Localized {
        var parts: [Localized] = []
        if let baseline = target.baseline {
            parts.append("baseline \(indicator.unit.format(baseline.value)) (\(baseline.period))")
        }
        let steps: [Localized] = target.steps.map { "\(indicator.direction.symbol)\(indicator.unit.format($0.threshold)) by \($0.deadline)" }
        parts.append(steps.isEmpty ? "no targets" : Localized.joined(steps, separator: ", "))
        return Localized.joined(parts, separator: "; ")
    }
}
