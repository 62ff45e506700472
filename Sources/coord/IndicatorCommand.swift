import ArgumentParser
import CoordinationAPI
import CoordinationCore

/// `coord indicator`: indicators with targets, reports, roll-ups and attainment.
struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: tr("Indicators with targets: define, set targets, report values, roll up, judge attainment."),
        discussion: tr("Periods are written as the indicator is reported: 2026, 2026-Q3 or 2026-07. A roll-up sums numerators and denominators up the jurisdiction tree; it never averages percentages."),
        subcommands: [Define.self, Targets.self, List.self, Show.self, Report.self, Rollup.self, Attainment.self])

    struct Define: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Define an indicator (coordinators)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Code, e.g. community-counselling-rooms.")) var code: String
        @Option(help: .tr("Chinese name.")) var nameZh: String
        @Option(help: .tr("English name.")) var nameEn: String
        @Option(help: .tr("What the numerator counts.")) var numerator: String
        @Option(help: .tr("What the denominator counts (not for --unit count).")) var denominator: String = ""
        @Option(help: .tr("percent, ratio or count.")) var unit: String = "percent"
        @Option(help: .tr("For a ratio: per how many of the denominator (e.g. 4000).")) var per: Int32 = 0
        @Option(help: .tr("The department that reports it.")) var owner: String
        @Option(help: .tr("at-least or at-most.")) var direction: String = "at-least"
        @Option(help: .tr("Reported per county, township or community.")) var level: String
        @Option(help: .tr("year, quarter or month.")) var period: String = "year"
        @Option(help: .tr("The policy source, e.g. \"《四川省社会心理服务工作指导意见》四（二）\".")) var source: String = ""
        @OptionGroup var target: TargetOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = try Indicators_DefineIndicatorRequest.with {
                $0.indicator = try .with {
                    $0.code = code
                    $0.nameZh = nameZh
                    $0.nameEn = nameEn
                    $0.numeratorDescription = numerator
                    $0.denominatorDescription = denominator
                    $0.unit = try IndicatorText.unit(unit)
                    $0.ratioPer = per
                    $0.ownerDepartment = owner
                    $0.direction = try IndicatorText.direction(direction)
                    $0.level = try IndicatorText.level(level)
                    $0.period = try IndicatorText.period(period)
                    $0.source = source
                }
                if let baseline = try target.wireBaseline() { $0.baseline = baseline }
                $0.targets = try target.wireSteps()
            }
            let indicator = try await connection.with(Indicators_IndicatorService.self) { service in
                try await service.defineIndicator(request)
            }
            try IndicatorText.show(indicator, json: json)
        }
    }

    struct Targets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Replace an indicator's baseline and target steps (coordinators)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("The indicator's code.")) var code: String
        @OptionGroup var target: TargetOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = try Indicators_SetTargetsRequest.with {
                $0.code = code
                if let baseline = try target.wireBaseline() { $0.baseline = baseline }
                $0.targets = try target.wireSteps()
            }
            let indicator = try await connection.with(Indicators_IndicatorService.self) { service in
                try await service.setTargets(request)
            }
            try IndicatorText.show(indicator, json: json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List indicators and their targets."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("Only those this department owns.")) var owner: String = ""
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let indicators = try await connection.with(Indicators_IndicatorService.self) { [owner] service in
                try await service.listIndicators(.with {
                    $0.ownerDepartment = owner
                }).indicators
            }
            let rows = indicators.map(IndicatorRow.init)
            if json { return try Output.json(rows) }
            Output.table(["CODE", "NAME", "OWNER", "UNIT", "PER", "TARGET STEPS"], rows.map {
                [$0.code, Output.name(zh: $0.nameZh, en: $0.nameEn), $0.owner, $0.unit, "\($0.level)/\($0.period)", $0.targetText]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Show one indicator with its targets."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("The indicator's code.")) var code: String
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let indicator = try await connection.with(Indicators_IndicatorService.self) { [code] service in
                try await service.getIndicator(.with { $0.code = code })
            }
            try IndicatorText.show(indicator, json: json)
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Report numerator and denominator for one jurisdiction and period (the owning department)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("The indicator's code.")) var code: String
        @Option(help: .tr("A jurisdiction at the indicator's level.")) var jurisdiction: String
        @Option(help: .tr("The period: 2026, 2026-Q3 or 2026-07.")) var period: String
        @Option(help: .tr("The numerator.")) var numerator: Int64
        @Option(help: .tr("The denominator (omit for a count indicator).")) var denominator: Int64 = 0
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = Indicators_ReportValueRequest.with {
                $0.code = code
                $0.jurisdictionCode = jurisdiction
                $0.period = period
                $0.numerator = numerator
                $0.denominator = denominator
            }
            let response = try await connection.with(Indicators_IndicatorService.self) { service in
                try await service.reportValue(request)
            }
            struct Reported: Encodable {
                let code, jurisdiction, period: String
                let numerator, denominator: Int64
                let revision: Int32
                let value: Double?
            }
            let reported = Reported(
                code: response.code, jurisdiction: response.jurisdictionCode, period: response.period,
                numerator: response.numerator, denominator: response.denominator, revision: response.revision,
                value: response.hasValue ? response.value : nil)
            if json { return try Output.json(reported) }
            print(tr("reported \(reported.code) at \(reported.jurisdiction) for \(reported.period): \(reported.numerator)/\(reported.denominator) (revision \(reported.revision))"))
        }
    }

    struct Rollup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Roll one period up the jurisdiction tree: sums of numerators over sums of denominators."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("The indicator's code.")) var code: String
        @Option(help: .tr("The period: 2026, 2026-Q3 or 2026-07.")) var period: String
        @Option(help: .tr("Start from this jurisdiction (default: every root).")) var root: String = ""
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable {
            let jurisdiction, level, parent: String
            let depth: Int32
            let numerator, denominator: Int64
            let value: Double?
            let display: String
            let reported, expected: Int32
            let threshold: Double?
            let deadline: String?
            let met: Bool?
            let gap: Double?
        }

        func run() async throws {
            let response = try await connection.with(Indicators_IndicatorService.self) { [code, period, root] service in
                try await service.rollup(.with {
                    $0.code = code
                    $0.period = period
                    $0.rootJurisdictionCode = root
                })
            }
            let unit = IndicatorText.domainUnit(response.indicator)
            let rows = response.rows.map { row in
                Row(
                    jurisdiction: row.jurisdictionCode, level: IndicatorText.name(row.level), parent: row.parentCode,
                    depth: row.depth, numerator: row.numerator, denominator: row.denominator,
                    value: row.hasValue ? row.value : nil, display: row.hasValue ? unit.format(row.value) : "—",
                    reported: row.reported, expected: row.expected,
                    threshold: row.hasJudgement ? row.judgement.step.threshold : nil,
                    deadline: row.hasJudgement ? row.judgement.step.deadline : nil,
                    met: row.hasJudgement ? row.judgement.met : nil, gap: row.hasJudgement ? row.judgement.gap : nil)
            }
            if json { return try Output.json(rows) }
            let direction = IndicatorText.symbol(response.indicator.direction)
            print("\(response.indicator.code) — \(Output.name(zh: response.indicator.nameZh, en: response.indicator.nameEn)), \(response.period)")
            Output.table(["JURISDICTION", "LEVEL", "NUMERATOR", "DENOMINATOR", "VALUE", "COVERAGE", "TARGET", "MET"], rows.map {
                [String(repeating: "  ", count: Int($0.depth)) + $0.jurisdiction, $0.level, "\($0.numerator)", "\($0.denominator)",
                 $0.display, "\($0.reported)/\($0.expected)",
                 IndicatorText.target($0.threshold, $0.deadline, direction: direction, unit: unit),
                 IndicatorText.mark(met: $0.met, gap: $0.gap, unit: unit)]
            })
        }
    }

    struct Attainment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("A jurisdiction's values per period against the applicable target step, and the trend."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("The indicator's code.")) var code: String
        @Option(help: .tr("A jurisdiction at or above the indicator's level.")) var jurisdiction: String
        @Option(help: .tr("The first period.")) var from: String
        @Option(help: .tr("The last period.")) var to: String
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Point: Encodable {
            let period: String
            let numerator, denominator: Int64
            let value: Double?
            let display: String
            let reported, expected: Int32
            let threshold: Double?
            let deadline: String?
            let met: Bool?
            let gap: Double?
        }

        struct Series: Encodable {
            let code, jurisdiction, trend: String
            let points: [Point]
        }

        func run() async throws {
            let response = try await connection.with(Indicators_IndicatorService.self) { [code, jurisdiction, from, to] service in
                try await service.attainment(.with {
                    $0.code = code
                    $0.jurisdictionCode = jurisdiction
                    $0.fromPeriod = from
                    $0.toPeriod = to
                })
            }
            let unit = IndicatorText.domainUnit(response.indicator)
            let trend: String
            switch response.trend {
            case .up: trend = tr("up")
            case .down: trend = tr("down")
            case .flat: trend = tr("flat")
            default: trend = tr("not enough data")
            }
            let points = response.points.map { point in
                Point(
                    period: point.period, numerator: point.numerator, denominator: point.denominator,
                    value: point.hasValue ? point.value : nil, display: point.hasValue ? unit.format(point.value) : "—",
                    reported: point.reported, expected: point.expected,
                    threshold: point.hasStep ? point.step.threshold : nil, deadline: point.hasStep ? point.step.deadline : nil,
                    met: point.hasJudgement ? point.judgement.met : nil, gap: point.hasJudgement ? point.judgement.gap : nil)
            }
            if json {
                return try Output.json(Series(code: response.indicator.code, jurisdiction: response.jurisdictionCode, trend: trend, points: points))
            }
            let direction = IndicatorText.symbol(response.indicator.direction)
            print(tr("\(response.indicator.code) at \(response.jurisdictionCode) — trend: \(trend)"))
            Output.table(["PERIOD", "NUMERATOR", "DENOMINATOR", "VALUE", "COVERAGE", "TARGET", "MET"], points.map {
                [$0.period, "\($0.numerator)", "\($0.denominator)", $0.display, "\($0.reported)/\($0.expected)",
                 IndicatorText.target($0.threshold, $0.deadline, direction: direction, unit: unit),
                 IndicatorText.mark(met: $0.met, gap: $0.gap, unit: unit)]
            })
        }
    }
}
