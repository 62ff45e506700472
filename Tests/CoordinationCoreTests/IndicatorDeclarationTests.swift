import CivilAffairsPlugin
import CoordinationCore
import EducationPlugin
import PluginAPI
import Testing
import UnionsPlugin

/// A plugin's declared indicators become core indicators: exactly, or refused naming the
/// declaration's field under `plugin.indicators[<code>]`.
@Suite("IndicatorDeclaration")
struct IndicatorDeclarationTests {
    static func rooms(
        level: String = "township", period: String = "year",
        targets: [IndicatorDeclaration.Target] = [.init(20, by: "2019-12-31"), .init(50, by: "2020-12-31")]
    ) -> IndicatorDeclaration {
        IndicatorDeclaration(
            code: "community-counselling-rooms", nameZh: "设立心理咨询室或社会工作室的村（社区）比例",
            nameEn: "Villages/communities with a counselling or social-work room",
            numerator: "villages/communities with a room", denominator: "villages/communities", unit: .percent,
            level: level, period: period, source: "001, 004 附件3 (六)", targets: targets)
    }

    /// The fields `body`'s INVALID_ARGUMENT names; `[]` when it succeeds.
    static func fields(_ body: () throws -> Indicator) -> [String] {
        do {
            _ = try body()
            return []
        } catch let error as CoordinationError where error.code == .invalidArgument {
            return error.violations.map(\.field)
        } catch {
            return ["not invalid-argument: \(error)"]
        }
    }

    @Test("a valid declaration converts exactly, owned by the plugin's department")
    func convertsExactly() throws {
        let indicator = try Indicator(declaration: Self.rooms(), owner: "civil-affairs")
        #expect(indicator == Indicator(
            code: "community-counselling-rooms", nameZh: "设立心理咨询室或社会工作室的村（社区）比例",
            nameEn: "Villages/communities with a counselling or social-work room",
            numeratorDescription: "villages/communities with a room", denominatorDescription: "villages/communities",
            unit: .percent, ownerDepartment: "civil-affairs", direction: .atLeast, level: .township, period: .year,
            source: "001, 004 附件3 (六)",
            target: IndicatorTarget(steps: [
                .init(threshold: 20, deadline: CalendarDay(year: 2019, month: 12, day: 31)!),
                .init(threshold: 50, deadline: CalendarDay(year: 2020, month: 12, day: 31)!),
            ])))
    }

    @Test("units, an at-most direction and every period and level carry over")
    func unitsDirectionsPeriods() throws {
        let ratio = IndicatorDeclaration(
            code: "teachers", nameZh: "配比", nameEn: "Teachers per 4000 students", numerator: "teachers",
            denominator: "students", unit: .ratio(per: 4000), level: "county", period: "quarter", source: "001",
            targets: [.init(1, by: "2021-12-31")])
        let converted = try Indicator(declaration: ratio, owner: "education")
        #expect(converted.unit == .ratio(per: 4000) && converted.period == .quarter && converted.level == .county)
        #expect(converted.direction == .atLeast)
        let waits = IndicatorDeclaration(
            code: "waiting-days", nameZh: "等待天数", nameEn: "Days waited", numerator: "days", denominator: "",
            unit: .count, atMost: true, level: "community", period: "month", source: "002",
            targets: [.init(10, by: "2020-12-31"), .init(5, by: "2021-12-31")])
        let count = try Indicator(declaration: waits, owner: "health")
        #expect(count.unit == .count && count.direction == .atMost && count.period == .month && count.level == .community)
        for (name, level) in [("province", JurisdictionLevel.province), ("city", .city), ("township", .township)] {
            #expect(try Indicator(declaration: Self.rooms(level: name), owner: "civil-affairs").level == level)
        }
    }

    @Test("a bad level, period and deadline are refused together, each naming its field")
    func badLevelPeriodDeadline() {
        let fields = Self.fields {
            try Indicator(
                declaration: Self.rooms(
                    level: "village", period: "week", targets: [.init(20, by: "2019-12-31"), .init(50, by: "2020-13-01")]),
                owner: "civil-affairs")
        }
        #expect(fields == [
            "plugin.indicators[community-counselling-rooms].level",
            "plugin.indicators[community-counselling-rooms].period",
            "plugin.indicators[community-counselling-rooms].targets[1].deadline",
        ])
        #expect(Self.fields { try Indicator(declaration: Self.rooms(level: "County"), owner: "civil-affairs") }
            == ["plugin.indicators[community-counselling-rooms].level"])
        #expect(Self.fields {
            try Indicator(declaration: Self.rooms(targets: [.init(20, by: "31/12/2019")]), owner: "civil-affairs")
        } == ["plugin.indicators[community-counselling-rooms].targets[0].deadline"])
    }

    @Test("the indicator rules run, naming the declaration's fields")
    func rulesNameDeclarationFields() {
        #expect(Self.fields {
            try Indicator(
                declaration: Self.rooms(targets: [
                    .init(50, by: "2019-12-31"), .init(20, by: "2019-06-30"), .init(120, by: "2021-12-31"),
                ]),
                owner: "civil-affairs")
        } == [
            "plugin.indicators[community-counselling-rooms].targets[1].deadline",
            "plugin.indicators[community-counselling-rooms].targets[1].threshold",
            "plugin.indicators[community-counselling-rooms].targets[2].threshold",
        ])
        var unnamed = Self.rooms()
        unnamed.nameZh = " "
        unnamed.denominator = ""
        unnamed.code = "Rooms!"
        #expect(Self.fields { try Indicator(declaration: unnamed, owner: "Civil Affairs") } == [
            "plugin.indicators[Rooms!].code", "plugin.indicators[Rooms!].nameZh",
            "plugin.indicators[Rooms!].denominator", "plugin.departmentCode",
        ])
        var ratio = Self.rooms()
        ratio.unit = .ratio(per: 0)
        #expect(Self.fields { try Indicator(declaration: ratio, owner: "civil-affairs") }
            == ["plugin.indicators[community-counselling-rooms].unit"])
    }

    @Test("the education, unions and civil affairs plugins declare valid indicators with targets and sources")
    func pluginsDeclareValidIndicators() throws {
        for manifest in [EducationPlugin().manifest, UnionsPlugin().manifest, CivilAffairsPlugin().manifest] {
            #expect(!manifest.indicators.isEmpty, "\(manifest.id)")
            for declaration in manifest.indicators {
                let indicator = try Indicator(declaration: declaration, owner: manifest.departmentCode)
                #expect(indicator.ownerDepartment == manifest.departmentCode)
                #expect(!indicator.source.isEmpty && !indicator.target.steps.isEmpty, "\(indicator.code)")
            }
        }
        let education = EducationPlugin().manifest.indicators.map(\.code)
        #expect(education == [
            "university-mental-health-teachers", "universities-two-mental-health-teachers", "school-counselling-rooms",
        ])
    }
}
