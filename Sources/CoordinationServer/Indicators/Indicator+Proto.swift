import CoordinationAPI
import CoordinationCore

extension Indicator {
    /// The wire form, with its baseline and targets.
    var proto: Indicators_Indicator {
        .with {
            $0.code = code
            $0.nameZh = nameZh
            $0.nameEn = nameEn
            $0.numeratorDescription = numeratorDescription
            $0.denominatorDescription = denominatorDescription
            switch unit {
            case .percent: $0.unit = .percent
            case .ratio(let per):
                $0.unit = .ratio
                $0.ratioPer = Int32(clamping: per)
            case .count: $0.unit = .count
            }
            $0.ownerDepartment = ownerDepartment
            $0.direction = direction == .atLeast ? .atLeast : .atMost
            $0.level = Directory_JurisdictionLevel(rawValue: level.rawValue) ?? .unspecified
            $0.period = period.proto
            $0.source = source
            if let baseline = target.baseline {
                $0.baseline = .with {
                    $0.value = baseline.value
                    $0.period = baseline.period.description
                }
            }
            $0.targets = target.steps.map(\.proto)
        }
    }

    /// The domain form of a definition request; every unset or unknown enum is named.
    init(_ request: Indicators_DefineIndicatorRequest) throws(CoordinationError) {
        guard request.hasIndicator else { throw .invalidArgument(field: "indicator", "is required") }
        let wire = request.indicator
        var violations: [CoordinationError.Violation] = []
        var unit = IndicatorUnit.percent
        switch wire.unit {
        case .percent: unit = .percent
        case .ratio: unit = .ratio(per: Int(wire.ratioPer))
        case .count: unit = .count
        case .unspecified, .UNRECOGNIZED:
            violations.append(.init(field: "indicator.unit", description: "must be percent, ratio or count"))
        }
        var direction = IndicatorDirection.atLeast
        switch wire.direction {
        case .atLeast: direction = .atLeast
        case .atMost: direction = .atMost
        case .unspecified, .UNRECOGNIZED:
            violations.append(.init(field: "indicator.direction", description: "must be at least or at most"))
        }
        let level = JurisdictionLevel(rawValue: wire.level.rawValue)
        if level == nil {
            violations.append(.init(
                field: "indicator.level", description: "must be one of province, city, county, township, community"))
        }
        let period = ReportingPeriod.Kind(wire.period)
        if period == nil {
            violations.append(.init(field: "indicator.period", description: "must be year, quarter or month"))
        }
        guard let level, let period, violations.isEmpty else { throw .invalidArguments(violations) }
        self.init(
            code: wire.code, nameZh: wire.nameZh, nameEn: wire.nameEn, numeratorDescription: wire.numeratorDescription,
            denominatorDescription: wire.denominatorDescription, unit: unit, ownerDepartment: wire.ownerDepartment,
            direction: direction, level: level, period: period, source: wire.source,
            target: try IndicatorTarget(
                baseline: request.hasBaseline ? request.baseline : nil, steps: request.targets, kind: period))
    }
}

extension IndicatorTarget {
    /// The domain form of a request's baseline and steps, for an indicator reported per `kind`
    /// (order and thresholds are checked by ``IndicatorRules``).
    init(baseline: Indicators_Baseline?, steps: [Indicators_TargetStep], kind: ReportingPeriod.Kind) throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        var parsedBaseline: Baseline?
        if let baseline {
            do {
                parsedBaseline = Baseline(
                    value: baseline.value, period: try ReportingPeriod(parsing: baseline.period, kind: kind, field: "baseline.period"))
            } catch {
                violations += error.violations
            }
        }
        var parsedSteps: [Step] = []
        for (index, step) in steps.enumerated() {
            do {
                parsedSteps.append(Step(
                    threshold: step.threshold, deadline: try CalendarDay(parsing: step.deadline, field: "targets[\(index)].deadline")))
            } catch {
                violations += error.violations
            }
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
        self.init(baseline: parsedBaseline, steps: parsedSteps)
    }
}

extension IndicatorTarget.Step {
    var proto: Indicators_TargetStep {
        .with {
            $0.threshold = threshold
            $0.deadline = deadline.description
        }
    }
}

extension IndicatorAttainment.Judgement {
    var proto: Indicators_Judgement {
        .with {
            $0.step = step.proto
            $0.met = met
            $0.gap = gap
        }
    }
}

extension IndicatorAttainment.Trend {
    var proto: Indicators_Trend {
        switch self {
        case .up: .up
        case .down: .down
        case .flat: .flat
        case .notEnoughData: .notEnoughData
        }
    }
}

extension ReportingPeriod.Kind {
    var proto: Indicators_PeriodKind {
        switch self {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        }
    }

    /// `nil` for an unset or unknown kind.
    init?(_ proto: Indicators_PeriodKind) {
        switch proto {
        case .year: self = .year
        case .quarter: self = .quarter
        case .month: self = .month
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }
}
