import Foundation

/// Validation of indicator definitions, targets and reports. Each failure names the field at
/// fault by its path in the API (`indicator.code`, `targets[1].threshold`, `numerator`).
public enum IndicatorRules {
    /// Indicator codes: 2–64 lower-case letters, digits and '-', starting with a letter and not
    /// ending with '-', e.g. `community-counselling-rooms`.
    public static func isValidCode(_ code: String) -> Bool {
        guard (2...64).contains(code.count), let first = code.first, first.isASCII, first.isLetter, code.last != "-"
        else { return false }
        return code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// Checks a definition's own fields (not whether its department exists), and its targets.
    public static func validate(_ indicator: Indicator, field prefix: String = "indicator") throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        func fail(_ field: String, _ problem: Localized) {
            violations.append(.init(field: "\(prefix).\(field)", description: problem))
        }
        if !isValidCode(indicator.code) {
            fail("code", "must be 2–64 lower-case letters, digits or '-', starting with a letter")
        }
        for (field, text) in [
            ("name_zh", indicator.nameZh), ("name_en", indicator.nameEn),
            ("numerator_description", indicator.numeratorDescription),
        ] {
            if let problem = problemWithText(text) { fail(field, problem) }
        }
        if indicator.unit.hasDenominator {
            if let problem = problemWithText(indicator.denominatorDescription) { fail("denominator_description", problem) }
        } else if !indicator.denominatorDescription.isEmpty {
            fail("denominator_description", "must be empty for a count indicator (its denominator is fixed at 1)")
        }
        if case .ratio(let per) = indicator.unit, !(1...1_000_000).contains(per) {
            fail("ratio_per", "must be between 1 and 1000000 for a ratio indicator")
        }
        if !DirectoryRules.isValidDepartmentCode(indicator.ownerDepartment) {
            fail("owner_department", "must name a department")
        }
        if indicator.source.count > 200 { fail("source", "must be at most 200 characters") }
        if !violations.isEmpty { throw .invalidArguments(violations) }
        try validate(indicator.target, of: indicator, requireSteps: false)
    }

    /// Checks a baseline and target steps against the indicator's unit and direction: steps in
    /// strictly increasing deadline order and, for "at least", non-decreasing thresholds (for
    /// "at most", non-increasing).
    public static func validate(
        _ target: IndicatorTarget, of indicator: Indicator, requireSteps: Bool
    ) throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        if let baseline = target.baseline {
            if let problem = problemWithThreshold(baseline.value, unit: indicator.unit) {
                violations.append(.init(field: "baseline.value", description: problem))
            }
            if baseline.period.kind != indicator.period {
                violations.append(.init(field: "baseline.period", description: "must be \(indicator.period.example)"))
            }
        }
        if requireSteps && target.steps.isEmpty {
            violations.append(.init(field: "targets", description: "at least one step is required"))
        }
        if target.steps.count > 20 {
            violations.append(.init(field: "targets", description: "at most 20 steps are allowed"))
        }
        for (index, step) in target.steps.enumerated() {
            if let problem = problemWithThreshold(step.threshold, unit: indicator.unit) {
                violations.append(.init(field: "targets[\(index)].threshold", description: problem))
            }
            guard index > 0 else { continue }
            let previous = target.steps[index - 1]
            if step.deadline <= previous.deadline {
                violations.append(.init(
                    field: "targets[\(index)].deadline",
                    description: "must be after targets[\(index - 1)].deadline (\(previous.deadline)): steps go in deadline order"))
            }
            switch indicator.direction {
            case .atLeast where step.threshold < previous.threshold:
                violations.append(.init(
                    field: "targets[\(index)].threshold",
                    description: "must not be below targets[\(index - 1)].threshold (\(previous.threshold)) for an at-least indicator"))
            case .atMost where step.threshold > previous.threshold:
                violations.append(.init(
                    field: "targets[\(index)].threshold",
                    description: "must not be above targets[\(index - 1)].threshold (\(previous.threshold)) for an at-most indicator"))
            default: break
            }
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }

    /// Checks one report and returns its numerator and denominator as stored (a count
    /// indicator's denominator is 1).
    public static func validateReport(
        numerator: Int64, denominator: Int64, of indicator: Indicator, at jurisdiction: Jurisdiction
    ) throws(CoordinationError) -> (numerator: Int64, denominator: Int64) {
        var violations: [CoordinationError.Violation] = []
        if jurisdiction.level != indicator.level {
            violations.append(.init(
                field: "jurisdiction_code",
                description: "'\(jurisdiction.code)' is a \(jurisdiction.level); indicator '\(indicator.code)' is reported per \(indicator.level)"))
        }
        if numerator < 0 { violations.append(.init(field: "numerator", description: "must not be negative")) }
        var stored = denominator
        if !indicator.unit.hasDenominator {
            if denominator != 0 && denominator != 1 {
                violations.append(.init(
                    field: "denominator", description: "must be 0 or 1 for a count indicator (its denominator is fixed at 1)"))
            }
            stored = 1
        } else if denominator < 0 {
            violations.append(.init(field: "denominator", description: "must not be negative"))
        } else if denominator == 0 && numerator > 0 {
            violations.append(.init(field: "denominator", description: "must be positive when the numerator is"))
        } else if indicator.unit == .percent && numerator > denominator {
            violations.append(.init(
                field: "numerator", description: "must not exceed the denominator (\(denominator)) for a percent indicator"))
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
        return (numerator, stored)
    }

    private static func problemWithText(_ text: String) -> Localized? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "is required" }
        if text.count > 200 { return "must be at most 200 characters" }
        return nil
    }

    private static func problemWithThreshold(_ value: Double, unit: IndicatorUnit) -> Localized? {
        guard value.isFinite, value >= 0 else { return "must be a number of at least 0" }
        if unit == .percent && value > 100 { return "must be at most 100 for a percent indicator" }
        return nil
    }
}
