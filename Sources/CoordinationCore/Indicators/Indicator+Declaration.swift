import PluginAPI

extension Indicator {
    /// The indicator a plugin's manifest declares, owned by `owner` (the plugin's department),
    /// checked by ``IndicatorRules`` like a coordinator's definition.
    ///
    /// Every failure names the declaration's field under `plugin.indicators[<code>]`, e.g.
    /// `plugin.indicators[community-counselling-rooms].level` or
    /// `plugin.indicators[community-counselling-rooms].targets[1].deadline`.
    public init(declaration: IndicatorDeclaration, owner: String) throws(CoordinationError) {
        let prefix = "plugin.indicators[\(declaration.code)]"
        var violations: [CoordinationError.Violation] = []
        let levels: [String: JurisdictionLevel] = [
            "province": .province, "city": .city, "county": .county, "township": .township, "community": .community,
        ]
        let level = levels[declaration.level]
        if level == nil {
            violations.append(.init(
                field: "\(prefix).level", description: "must be one of province, city, county, township, community"))
        }
        let period = ReportingPeriod.Kind(rawValue: declaration.period)
        if period == nil {
            violations.append(.init(field: "\(prefix).period", description: "must be year, quarter or month"))
        }
        var steps: [IndicatorTarget.Step] = []
        for (index, target) in declaration.targets.enumerated() {
            do {
                let deadline = try CalendarDay(parsing: target.deadline, field: "\(prefix).targets[\(index)].deadline")
                steps.append(IndicatorTarget.Step(threshold: target.threshold, deadline: deadline))
            } catch {
                violations += error.violations
            }
        }
        guard let level, let period, violations.isEmpty else { throw .invalidArguments(violations) }
        self.init(
            code: declaration.code, nameZh: declaration.nameZh, nameEn: declaration.nameEn,
            numeratorDescription: declaration.numerator, denominatorDescription: declaration.denominator,
            unit: Self.unit(declaration.unit), ownerDepartment: owner,
            direction: declaration.atMost ? .atMost : .atLeast, level: level, period: period,
            source: declaration.source, target: IndicatorTarget(steps: steps))
        do {
            try IndicatorRules.validate(self, field: prefix)
        } catch {
            throw .invalidArguments(error.violations.map { Self.declarationViolation($0, prefix: prefix) })
        }
    }

    /// The unit a plugin declares.
    private static func unit(_ unit: IndicatorDeclaration.Unit) -> IndicatorUnit {
        switch unit {
        case .percent: .percent
        case .ratio(let per): .ratio(per: per)
        case .count: .count
        }
    }

    /// `violation` of ``IndicatorRules`` renamed to the declaration's field: the rules name the
    /// API's fields (`indicator.name_zh`, `targets[1].threshold`), a plugin author writes
    /// ``IndicatorDeclaration``'s (`nameZh`, `targets[1].threshold`); the owner is the
    /// manifest's department.
    private static func declarationViolation(
        _ violation: CoordinationError.Violation, prefix: String
    ) -> CoordinationError.Violation {
        var field = violation.field
        if field.hasPrefix(prefix + ".") { field.removeFirst(prefix.count + 1) }
        if field == "owner_department" {
            return .init(field: "plugin.departmentCode", description: violation.description)
        }
        let renamed = [
            "name_zh": "nameZh", "name_en": "nameEn", "numerator_description": "numerator",
            "denominator_description": "denominator", "ratio_per": "unit",
        ]
        return .init(field: "\(prefix).\(renamed[field] ?? field)", description: violation.description)
    }
}
