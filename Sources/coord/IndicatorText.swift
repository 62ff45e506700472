import ArgumentParser
import CoordinationAPI
import CoordinationCore

/// `--baseline VALUE@PERIOD` and `--step THRESHOLD@DEADLINE` (repeatable).
struct TargetOptions: ParsableArguments {
    @Option(help: .tr("Baseline as VALUE@PERIOD, e.g. 5@2018.")) var baseline: String?
    @Option(help: .tr("A target step as THRESHOLD@YYYY-MM-DD, e.g. 20@2019-12-31; repeat in deadline order."))
    var step: [String] = []

    func wireBaseline() throws -> Indicators_Baseline? {
        guard let baseline else { return nil }
        let (value, period) = try Self.split(baseline, option: "--baseline", example: "5@2018")
        return .with {
            $0.value = value
            $0.period = period
        }
    }

    func wireSteps() throws -> [Indicators_TargetStep] {
        try step.map { text in
            let (threshold, deadline) = try Self.split(text, option: "--step", example: "20@2019-12-31")
            return .with {
                $0.threshold = threshold
                $0.deadline = deadline
            }
        }
    }

    private static func split(_ text: String, option: String, example: String) throws -> (Double, String) {
        let parts = text.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, let value = Double(parts[0].trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(tr("\(option) must be NUMBER@WHEN, e.g. \(example); got '\(text)'"))
        }
        return (value, String(parts[1]))
    }
}

/// One indicator as listings print it.
struct IndicatorRow: Encodable {
    let code, nameZh, nameEn, owner, unit, level, period, direction, numerator, denominator, source: String
    let ratioPer: Int32?
    let baseline: String?
    let targets: [Step]
    struct Step: Encodable {
        let threshold: Double
        let deadline: String
    }

    init(_ indicator: Indicators_Indicator) {
        code = indicator.code
        nameZh = indicator.nameZh
        nameEn = indicator.nameEn
        owner = indicator.ownerDepartment
        let domainUnit = IndicatorText.domainUnit(indicator)
        unit = domainUnit.name
        ratioPer = indicator.unit == .ratio ? indicator.ratioPer : nil
        level = IndicatorText.name(indicator.level)
        period = ReportingPeriodText.name(indicator.period)
        direction = indicator.direction == .atMost ? "at-most" : "at-least"
        numerator = indicator.numeratorDescription
        denominator = indicator.denominatorDescription
        source = indicator.source
        baseline = indicator.hasBaseline ? "\(domainUnit.format(indicator.baseline.value)) (\(indicator.baseline.period))" : nil
        targets = indicator.targets.map { Step(threshold: $0.threshold, deadline: $0.deadline) }
        targetText = targets.isEmpty
            ? "-"
            : indicator.targets.map { "\(IndicatorText.symbol(indicator.direction))\(domainUnit.format($0.threshold)) by \($0.deadline)" }
                .joined(separator: ", ")
    }

    /// E.g. `≥20.0% by 2019-12-31, ≥50.0% by 2020-12-31`.
    let targetText: String

    private enum CodingKeys: String, CodingKey {
        case code, nameZh, nameEn, owner, unit, level, period, direction, numerator, denominator, source, ratioPer, baseline, targets
    }
}

private enum ReportingPeriodText {
    static func name(_ period: Indicators_PeriodKind) -> String {
        switch period {
        case .year: "year"
        case .quarter: "quarter"
        case .month: "month"
        default: "?"
        }
    }
}

/// Words ↔ wire enums, and how values look in tables.
enum IndicatorText {
    static func unit(_ text: String) throws -> Indicators_Unit {
        switch text {
        case "percent": return .percent
        case "ratio": return .ratio
        case "count": return .count
        default: throw ValidationError(tr("--unit must be percent, ratio or count"))
        }
    }

    static func direction(_ text: String) throws -> Indicators_Direction {
        switch text {
        case "at-least": return .atLeast
        case "at-most": return .atMost
        default: throw ValidationError(tr("--direction must be at-least or at-most"))
        }
    }

    static func level(_ text: String) throws -> Directory_JurisdictionLevel {
        guard let level = JurisdictionLevel.allCases.first(where: { "\($0)" == text }) else {
            throw ValidationError(tr("--level must be one of province, city, county, township, community"))
        }
        return Directory_JurisdictionLevel(rawValue: level.rawValue) ?? .unspecified
    }

    static func period(_ text: String) throws -> Indicators_PeriodKind {
        switch text {
        case "year": return .year
        case "quarter": return .quarter
        case "month": return .month
        default: throw ValidationError(tr("--period must be year, quarter or month"))
        }
    }

    static func name(_ level: Directory_JurisdictionLevel) -> String {
        JurisdictionLevel(rawValue: level.rawValue).map { "\($0)" } ?? "?"
    }

    static func domainUnit(_ indicator: Indicators_Indicator) -> IndicatorUnit {
        switch indicator.unit {
        case .ratio: .ratio(per: Int(indicator.ratioPer))
        case .count: .count
        default: .percent
        }
    }

    static func symbol(_ direction: Indicators_Direction) -> String { direction == .atMost ? "≤" : "≥" }

    /// `≥50.0% by 2020-12-31`, or `-` without a step.
    static func target(_ threshold: Double?, _ deadline: String?, direction: String, unit: IndicatorUnit) -> String {
        guard let threshold else { return "-" }
        return "\(direction)\(unit.format(threshold)) by \(deadline ?? "")"
    }

    /// `✓ met`, `✗ NOT MET (gap 5.0%)` or `-`.
    static func mark(met: Bool?, gap: Double?, unit: IndicatorUnit) -> String {
        guard let met else { return "-" }
        if met { return "✓ met" }
        return "✗ NOT MET" + (gap.map { " (gap \(unit.format($0)))" } ?? "")
    }

    /// Prints one indicator as a table of its fields, or JSON.
    static func show(_ indicator: Indicators_Indicator, json: Bool) throws {
        let row = IndicatorRow(indicator)
        if json { return try Output.json(row) }
        Output.table(["FIELD", "VALUE"], [
            [tr("code"), row.code], [tr("name"), Output.name(zh: row.nameZh, en: row.nameEn)], [tr("owner"), row.owner],
            [tr("numerator"), row.numerator], [tr("denominator"), row.denominator.isEmpty ? "-" : row.denominator],
            [tr("unit"), row.ratioPer.map { tr("ratio per \($0)") } ?? Output.word(row.unit)], [tr("direction"), Output.word(row.direction)],
            [tr("reported per"), "\(Output.word(row.level)), \(Output.word(row.period))"], [tr("source"), row.source.isEmpty ? "-" : row.source],
            [tr("baseline"), row.baseline ?? "-"], [tr("targets"), row.targetText],
        ])
    }
}
