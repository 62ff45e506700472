import CoordinationCore
import CoordinationReport
import Foundation
import Testing

@Suite("Evaluation report rendering")
struct ReportRenderingTests {
    /// 2026-09-21 19:46 UTC: the 22nd in the county.
    static let due = Date(timeIntervalSince1970: 1_790_020_000)

    static func report(year: Int = 2021) -> EvaluationReport {
        EvaluationReport(
            jurisdiction: "示范县", year: year, generatedAt: Date(timeIntervalSince1970: 1_800_000_000),
            indicators: [
                .init(
                    code: "community-rooms", name: "社区心理咨询室覆盖率", ownerDepartment: "civil-affairs",
                    unit: "percent", atLeast: true, value: 50, target: 80, targetDeadline: "2021-12-31",
                    trend: [.init(period: "2019", value: 20), .init(period: "2020", value: 50)],
                    steps: [.init(threshold: 20, deadline: "2019-12-31"), .init(threshold: 50, deadline: "2020-12-31"),
                            .init(threshold: 80, deadline: "2021-12-31")]),
                .init(
                    code: "science-events", name: "科普活动", ownerDepartment: "health", unit: "events",
                    atLeast: true, value: 7, target: 6, targetDeadline: nil, trend: []),
                .init(
                    code: "hotline", name: "Hotline <7×24>", ownerDepartment: "health", unit: "percent", atLeast: true,
                    value: nil, target: 100, targetDeadline: "2021-12-31", trend: []),
                .init(
                    code: "screening", name: "学生心理筛查覆盖率", ownerDepartment: "education", unit: "percent", atLeast: true,
                    value: 60, target: nil, targetDeadline: nil, trend: [.init(period: "2021", value: 60)],
                    baseline: .init(period: "2018", value: 5)),
            ],
            tasks: [
                .init(title: "Open counselling rooms", leadDepartment: "civil-affairs", status: "verified", due: due, overdue: false),
                .init(title: "Train teachers | phase 1", leadDepartment: "education", status: "in-progress", due: due, overdue: true),
                .init(title: "Train teachers, phase 2", leadDepartment: "education", status: "open", due: due, overdue: false),
            ],
            departments: [
                .init(
                    code: "education", name: "教育局", tasksLed: 2, onTime: 0, late: 0, overdueOpen: 1, indicatorsMet: 0,
                    indicatorsOwned: 1, feedback: "Speed up teacher training"),
            ],
            departmentNames: ["civil-affairs": "民政局", "education": "教育局"])
    }

    @Test("Markdown in English: attainment against the applicable step, a computed trend, tasks by status, times in the county's zone")
    func markdownEnglish() {
        let text = MarkdownReport.render(Self.report(), language: .en)
        #expect(text.contains("Generated 2027-01-15 16:00 +08:00."), "\(text)")
        #expect(text.contains(
            "| 社区心理咨询室覆盖率 (`community-rooms`) | 民政局 | 50.0% | ≥ 80.0% by 2021-12-31 (earlier: ≥ 20.0% by 2019-12-31; ≥ 50.0% by 2020-12-31) | not met | ↑ rising: 20.0% → 50.0% |"), "\(text)")
        #expect(text.contains("| 科普活动 (`science-events`) | health | 7 events | ≥ 6 events | met | not enough data (no period) |"))
        #expect(text.contains("| Hotline <7×24> (`hotline`) | health | — | ≥ 100.0% by 2021-12-31 | not reported | not enough data (no period) |"))
        #expect(text.contains("| 学生心理筛查覆盖率 (`screening`) | 教育局 | 60.0% | no target | no target | ↑ rising: baseline 5.0% → 60.0% |"))
        #expect(text.contains("- Indicators: 1 of 4 met their applicable target, 1 not met, 1 not reported."))
        #expect(text.contains("- Tasks: 3 in total, 1 overdue; 1 open, 1 in-progress, 1 verified."))
        #expect(text.contains("| Lead department | open | in-progress | verified | overdue |"))
        #expect(text.contains("| 民政局 | 0 | 0 | 1 | 0 |"))
        #expect(text.contains("| 教育局 | 1 | 1 | 0 | 1 |"))
        #expect(text.contains("- Train teachers \\| phase 1 — 教育局, due 2026-09-22"), "the due day is the county's, not UTC's")
        #expect(text.contains("| 教育局 (education) | 2 | 0 | 0 | 1 | 0 of 1 | Speed up teacher training |"))
        #expect(text.contains("times in Asia/Shanghai"))
        #expect(!text.contains("※"), "targets of 2021 apply to 2021")
    }

    @Test("Markdown in Chinese: the body, statuses, verdicts and trend in Chinese; another zone when asked")
    func markdownChinese() throws {
        let text = MarkdownReport.render(Self.report(), language: .zhCN, time: try #require(LocalTime(identifier: "UTC")))
        #expect(text.contains("**示范县 2021 年度督导评估报告**"))
        #expect(text.contains("生成于 2027-01-15 08:00 +00:00。"))
        #expect(text.contains("## 概况"))
        #expect(text.contains("- 指标：4 项中 1 项达到适用目标，1 项未达标，1 项未上报。"), "\(text)")
        #expect(text.contains("- 任务：共 3 项，逾期 1 项；未办结 1 项，进行中 1 项，已验收 1 项。"), "\(text)")
        #expect(text.contains("| 社区心理咨询室覆盖率 (`community-rooms`) | 民政局 | 50.0% | 2021-12-31 前 ≥ 80.0%（此前：2019-12-31 前 ≥ 20.0%；2020-12-31 前 ≥ 50.0%） | 未达标 | ↑ 上升：20.0% → 50.0% |"), "\(text)")
        #expect(text.contains("| 牵头部门 | 未办结 | 进行中 | 已验收 | 逾期 |"))
        #expect(text.contains("- Train teachers \\| phase 1 — 教育局，期限 2026-09-21"), "UTC was asked for")
        #expect(!text.contains("Summary") && !text.contains("not met"))
    }

    @Test("a target whose deadline lies before the report's year is marked and explained")
    func lapsedTargets() {
        let text = MarkdownReport.render(Self.report(year: 2026), language: .zhCN)
        #expect(text.contains("2021-12-31 前 ≥ 80.0% ※（此前："), "\(text)")
        #expect(text.contains("※ 目标期限（2021-12-31）早于 2026 年：按最后一级目标评判；请为 2026 年设定目标。"), "\(text)")
        let english = MarkdownReport.render(Self.report(year: 2026), language: .en)
        #expect(english.contains("※ The target's deadline (2021-12-31) is before 2026"))
    }

    @Test("HTML: self-contained and escaped; percentages on a labelled 0–100% axis, other units each on its own stated scale, a legend")
    func html() {
        let page = HTMLReport.render(Self.report(), language: .en)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<html lang=\"en\">"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"))
        #expect(page.contains("Hotline &lt;7×24&gt;") && !page.contains("Hotline <7×24>"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 3, "percentages, other units, tasks")
        #expect(page.contains("<figcaption>Percentages (0–100%)</figcaption>"))
        for tick in ["0%", "25%", "50%", "75%", "100%"] { #expect(page.contains("text-anchor=\"middle\">\(tick)</text>")) }
        // 50% of a 420-wide track, red (not met); the 80% target mark at 260 + 0.8·420.
        #expect(page.contains("width=\"210.0\" height=\"16\" fill=\"#b3261e\""))
        #expect(page.contains("x1=\"596.0\""))
        // 7 events on a scale of max(7, 6)·1.1, green (met), the scale named at the bar's end.
        #expect(page.contains("width=\"381.8\" height=\"16\" fill=\"#1b7f3b\""))
        #expect(page.contains(">full bar = 7.70 events</text>"))
        #expect(page.contains("class=\"legend\"") && page.contains("</span>met ") && page.contains("class=\"tick\"></span>target"))
        #expect(page.contains("<title>教育局: 1 in-progress</title>"))
        #expect(page.contains("<span class=\"bad\">not met</span>"))
        #expect(page.contains("@page { size: A4;") && page.contains("\"Noto Sans CJK SC\""))
    }

    @Test("HTML in Chinese: lang zh-CN, Chinese headings and legend")
    func htmlChinese() {
        let page = HTMLReport.render(Self.report(), language: .zhCN)
        #expect(page.contains("<html lang=\"zh-CN\">"))
        #expect(page.contains("<h2>指标达标情况</h2>") && page.contains("<figcaption>百分比指标（0–100%）</figcaption>"))
        #expect(page.contains("</span>达标 ") && page.contains(">满格 = 7.70 events</text>"))
        #expect(page.contains("<th>牵头部门</th><th>未办结</th>"))
    }
}
