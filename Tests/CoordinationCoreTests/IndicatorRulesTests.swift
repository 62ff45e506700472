import CoordinationCore
import Foundation
import Testing

/// Roll-up arithmetic, target steps, attainment and validation of indicators, and the
/// timeliness of tasks in the evaluation.
@Suite("IndicatorRules")
struct IndicatorRulesTests {
    static let tree: [Jurisdiction] = [
        Jurisdiction(code: "c", nameZh: "县", nameEn: "County", level: .county, parentCode: nil),
        Jurisdiction(code: "c.t", nameZh: "镇", nameEn: "T", level: .township, parentCode: "c"),
        Jurisdiction(code: "c.u", nameZh: "镇", nameEn: "U", level: .township, parentCode: "c"),
        Jurisdiction(code: "c.t.a", nameZh: "村", nameEn: "A", level: .community, parentCode: "c.t"),
        Jurisdiction(code: "c.t.b", nameZh: "村", nameEn: "B", level: .community, parentCode: "c.t"),
        Jurisdiction(code: "c.u.h", nameZh: "村", nameEn: "H", level: .community, parentCode: "c.u"),
        Jurisdiction(code: "c.u.k", nameZh: "村", nameEn: "K", level: .community, parentCode: "c.u"),
    ]

    static func rooms(_ steps: [(Double, String)] = [(20, "2019-12-31"), (50, "2020-12-31"), (80, "2021-12-31")]) throws
        -> Indicator
    {
        Indicator(
            code: "community-counselling-rooms", nameZh: "室", nameEn: "Rooms", numeratorDescription: "with a room",
            denominatorDescription: "places", unit: .percent, ownerDepartment: "civil-affairs", direction: .atLeast,
            level: .community, period: .year,
            target: IndicatorTarget(steps: try steps.map { .init(threshold: $0.0, deadline: try CalendarDay(parsing: $0.1, field: "d")) }))
    }

    static func report(_ code: String, _ numerator: Int64, _ denominator: Int64, _ year: Int = 2020) -> IndicatorReport {
        IndicatorReport(
            indicatorCode: "community-counselling-rooms", jurisdictionCode: code,
            period: ReportingPeriod(kind: .year, year: year, index: 1)!, numerator: numerator, denominator: denominator)
    }

    @Test("a roll-up sums numerators and denominators; it is not the average of percentages")
    func sumOfRatios() throws {
        let rows = IndicatorRollup.rollUp(
            [Self.report("c.t.a", 1, 4), Self.report("c.t.b", 9, 16), Self.report("c.u.h", 6, 8)],
            of: try Self.rooms(), tree: Self.tree)
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.jurisdiction.code, $0) })
        #expect(rows.map(\.jurisdiction.code) == ["c", "c.t", "c.t.a", "c.t.b", "c.u", "c.u.h", "c.u.k"])
        #expect(rows.map(\.depth) == [0, 1, 2, 2, 1, 2, 2])
        let township = try #require(byCode["c.t"])
        #expect(township.numerator == 10 && township.denominator == 20)
        #expect(township.value == 50)  // the average of 25% and 56.25% would be 40.625%
        let county = try #require(byCode["c"])
        #expect(county.numerator == 16 && county.denominator == 28)
        #expect(abs(county.value! - 16.0 / 28 * 100) < 1e-9)  // averages: 52.08% (communities), 62.5% (townships)
        #expect(county.reported == 3 && county.expected == 4)
        #expect(byCode["c.u"]?.reported == 1 && byCode["c.u"]?.expected == 2)
        #expect(byCode["c.u.k"]?.value == nil && byCode["c.u.k"]?.reported == 0)
    }

    @Test("a roll-up from a township stops at the indicator's level")
    func rootAndLevel() throws {
        var indicator = try Self.rooms()
        indicator.level = .township
        let rows = IndicatorRollup.rollUp(
            [IndicatorReport(indicatorCode: indicator.code, jurisdictionCode: "c.t",
                             period: ReportingPeriod(kind: .year, year: 2020, index: 1)!, numerator: 3, denominator: 4)],
            of: indicator, tree: Self.tree)
        #expect(rows.map(\.jurisdiction.code) == ["c", "c.t", "c.u"])
        #expect(rows.first?.value == 75)
        let sub = IndicatorRollup.rollUp([Self.report("c.t.a", 1, 4)], of: try Self.rooms(), tree: Self.tree, root: "c.t")
        #expect(sub.map(\.jurisdiction.code) == ["c.t", "c.t.a", "c.t.b"])
        #expect(sub.first?.depth == 0 && sub.first?.value == 25)
    }

    @Test("the applicable step is the earliest whose deadline is on or after the period's end, else the last")
    func applicableStep() throws {
        let target = try Self.rooms().target
        func step(_ text: String, _ kind: ReportingPeriod.Kind = .year) throws -> Double? {
            target.applicableStep(for: try ReportingPeriod(parsing: text, kind: kind, field: "p"))?.threshold
        }
        #expect(try step("2018") == 20)
        #expect(try step("2019") == 20)
        #expect(try step("2020") == 50)
        #expect(try step("2021") == 80)
        #expect(try step("2030") == 80)
        #expect(try step("2020-Q4", .quarter) == 50)
        #expect(try step("2020-12", .month) == 50)
        #expect(try step("2020-06", .month) == 50)
        #expect(try step("2019-12", .month) == 20)
        #expect(IndicatorTarget().applicableStep(for: ReportingPeriod(kind: .year, year: 2020, index: 1)!) == nil)
    }

    @Test("attainment: met or not met by direction, the gap, and the trend")
    func attainmentAndTrend() throws {
        let indicator = try Self.rooms()
        let reports = [
            Self.report("c.t.a", 1, 4, 2019), Self.report("c.t.b", 3, 16, 2019),  // 4/20 = 20% against 20: met
            Self.report("c.t.a", 1, 4, 2020), Self.report("c.t.b", 9, 16, 2020),  // 10/20 = 50% against 50: met
            Self.report("c.t.a", 3, 4, 2021), Self.report("c.t.b", 12, 16, 2021),  // 15/20 = 75% against 80: gap 5
        ]
        let periods = try ReportingPeriod.range(
            from: ReportingPeriod(kind: .year, year: 2019, index: 1)!, through: ReportingPeriod(kind: .year, year: 2022, index: 1)!,
            field: "to_period")
        let points = IndicatorAttainment.series(reports, of: indicator, at: "c.t", tree: Self.tree, periods: periods)
        #expect(points.map(\.value) == [20, 50, 75, nil])
        #expect(points.map { $0.step?.threshold } == [20, 50, 80, 80])
        #expect(points.map { $0.judgement?.met } == [true, true, false, nil])
        #expect(abs(points[2].judgement!.gap - 5) < 1e-9)
        #expect(points[0].judgement?.gap == 0)
        #expect(IndicatorAttainment.trend(points.map(\.value)) == .up)
        #expect(IndicatorAttainment.trend([80, nil, 60]) == .down)
        #expect(IndicatorAttainment.trend([60, 60]) == .flat)
        #expect(IndicatorAttainment.trend([60, nil]) == .notEnoughData)
        #expect(IndicatorDirection.atMost.meets(3, 5) && !IndicatorDirection.atMost.meets(6, 5))
        #expect(IndicatorDirection.atMost.gap(6, 5) == 1)
    }

    @Test("target steps go in deadline order with non-decreasing thresholds for at-least")
    func targetValidation() throws {
        let indicator = try Self.rooms()
        let day = { (text: String) in try CalendarDay(parsing: text, field: "d") }
        let decreasing = IndicatorTarget(steps: [.init(threshold: 50, deadline: try day("2020-12-31")),
                                                 .init(threshold: 20, deadline: try day("2021-12-31"))])
        let error = #expect(throws: CoordinationError.self) {
            try IndicatorRules.validate(decreasing, of: indicator, requireSteps: true)
        }
        #expect(error?.code == .invalidArgument && error?.field == "targets[1].threshold")
        let unordered = IndicatorTarget(steps: [.init(threshold: 20, deadline: try day("2021-12-31")),
                                                .init(threshold: 50, deadline: try day("2020-12-31"))])
        #expect(throws: CoordinationError.self) { try IndicatorRules.validate(unordered, of: indicator, requireSteps: true) }
        do {
            try IndicatorRules.validate(unordered, of: indicator, requireSteps: true)
        } catch {
            #expect(error.field == "targets[1].deadline")
        }
        var atMost = indicator
        atMost.direction = .atMost
        try IndicatorRules.validate(decreasing, of: atMost, requireSteps: true)
        let tooHigh = IndicatorTarget(steps: [.init(threshold: 120, deadline: try day("2020-12-31"))])
        #expect(throws: CoordinationError.self) { try IndicatorRules.validate(tooHigh, of: indicator, requireSteps: true) }
        #expect(throws: CoordinationError.self) { try IndicatorRules.validate(IndicatorTarget(), of: indicator, requireSteps: true) }
        try IndicatorRules.validate(IndicatorTarget(), of: indicator, requireSteps: false)
    }

    @Test("definitions and reports are validated field by field")
    func definitionAndReportValidation() throws {
        var indicator = try Self.rooms()
        indicator.code = "Rooms!"
        indicator.denominatorDescription = ""
        do {
            try IndicatorRules.validate(indicator)
            Issue.record("expected a failure")
        } catch {
            #expect(error.violations.map(\.field) == ["indicator.code", "indicator.denominator_description"])
        }
        var count = try Self.rooms()
        count.unit = .count
        count.denominatorDescription = ""
        try IndicatorRules.validate(count)
        let community = Self.tree[3]
        let township = Self.tree[1]
        let rooms = try Self.rooms()
        func field(_ numerator: Int64, _ denominator: Int64, _ indicator: Indicator, at place: Jurisdiction) -> String? {
            do {
                _ = try IndicatorRules.validateReport(numerator: numerator, denominator: denominator, of: indicator, at: place)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field(5, 4, rooms, at: community) == "numerator")
        #expect(field(-1, 4, rooms, at: community) == "numerator")
        #expect(field(1, -4, rooms, at: community) == "denominator")
        #expect(field(1, 0, rooms, at: community) == "denominator")
        #expect(field(1, 4, rooms, at: township) == "jurisdiction_code")
        #expect(field(1, 4, rooms, at: community) == nil)
        #expect(field(7, 3, count, at: community) == "denominator")
        let stored = try IndicatorRules.validateReport(numerator: 7, denominator: 0, of: count, at: community)
        #expect(stored.numerator == 7 && stored.denominator == 1)
    }

    @Test("periods parse strictly by kind and print back")
    func periods() throws {
        #expect(try ReportingPeriod(parsing: "2026-Q3", kind: .quarter, field: "p").lastDay.description == "2026-09-30")
        #expect(try ReportingPeriod(parsing: "2024-02", kind: .month, field: "p").lastDay.description == "2024-02-29")
        #expect(try ReportingPeriod(parsing: "2026", kind: .year, field: "p").next.description == "2027")
        #expect(try ReportingPeriod(parsing: "2026-Q4", kind: .quarter, field: "p").next.description == "2027-Q1")
        for (text, kind) in [("2026", ReportingPeriod.Kind.quarter), ("2026-Q3", .year), ("2026-07", .quarter),
                             ("2026-Q5", .quarter), ("2026-13", .month), ("26", .year), ("2026-7", .month)] {
            let error = #expect(throws: CoordinationError.self) { try ReportingPeriod(parsing: text, kind: kind, field: "period") }
            #expect(error?.field == "period")
        }
        #expect(throws: CoordinationError.self) { try CalendarDay(parsing: "2021-02-29", field: "d") }
        #expect(IndicatorUnit.percent.format(50) == "50.0%")
        #expect(IndicatorUnit.percent.format(16.0 / 28 * 100) == "57.1%")
        #expect(IndicatorUnit.ratio(per: 4000).format(1.25) == "1.25 per 4000")
        #expect(IndicatorUnit.count.format(6) == "6")
    }

    @Test("tasks are on time, late, overdue or open; returned tasks are not complete")
    func taskTimeliness() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let now = due.addingTimeInterval(86_400)
        let tasks = [
            LeadTask(leadDepartment: "x", dueAt: due, status: "verified", completedAt: due),
            LeadTask(leadDepartment: "x", dueAt: due, status: "completed", completedAt: due.addingTimeInterval(1)),
            LeadTask(leadDepartment: "x", dueAt: due, status: "returned", completedAt: nil),
            LeadTask(leadDepartment: "x", dueAt: due, status: "in_progress", completedAt: nil),
            LeadTask(leadDepartment: "x", dueAt: now.addingTimeInterval(60), status: "open", completedAt: nil),
        ]
        #expect(tasks.map { $0.timeliness(at: now) } == [.onTime, .late, .overdue, .overdue, .open])
        let figures = DepartmentEvaluation.TaskFigures(tasks, at: now)
        let counts: [Int] = [figures.total, figures.onTime, figures.late, figures.overdue, figures.open]
        #expect(counts == [5, 1, 1, 2, 1])
    }
}
