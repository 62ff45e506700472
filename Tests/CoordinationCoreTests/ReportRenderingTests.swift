import CoordinationReport
import Foundation
import Testing

@Suite("Evaluation report rendering")
struct ReportRenderingTests {
    static let due = Date(timeIntervalSince1970: 1_790_000_000)

    static let report = EvaluationReport(
        jurisdiction: "示范县 Demo County", year: 2021, generatedAt: Date(timeIntervalSince1970: 1_800_000_000),
        indicators: [
            .init(
                code: "community-rooms", name: "Communities with a counselling room", ownerDepartment: "civil-affairs",
                unit: "percent", atLeast: true, value: 50, target: 80, targetDeadline: "2021-12-31",
                trend: [.init(period: "2019", value: 20), .init(period: "2020", value: 50)]),
            .init(
                code: "science-events", name: "Science-popularisation events", ownerDepartment: "health", unit: "events",
                atLeast: true, value: 7, target: 6, targetDeadline: nil, trend: []),
            .init(
                code: "hotline", name: "Hotline <7×24>", ownerDepartment: "health", unit: "percent", atLeast: true,
                value: nil, target: 100, targetDeadline: "2021-12-31", trend: []),
        ],
        tasks: [
            .init(title: "Open counselling rooms", leadDepartment: "civil-affairs", status: "verified", due: due, overdue: false),
            .init(title: "Train teachers | phase 1", leadDepartment: "education", status: "in-progress", due: due, overdue: true),
            .init(title: "Train teachers, phase 2", leadDepartment: "education", status: "open", due: due, overdue: false),
        ],
        departments: [
            .init(
                code: "education", name: "教育局", tasksLed: 2, onTime: 0, late: 0, overdueOpen: 1, indicatorsMet: 0,
                indicatorsOwned: 0, feedback: "Speed up teacher training"),
        ])

    @Test("Markdown: attainment against the applicable step, trend, tasks by status and department, feedback")
    func markdown() {
        let text = MarkdownReport.render(Self.report)
        #expect(text.contains(
            "| Communities with a counselling room (`community-rooms`) | civil-affairs | 50.0% | ≥ 80.0% by 2021-12-31 | not met | ↑ 20.0% → 50.0% |"))
        #expect(text.contains("| Science-popularisation events (`science-events`) | health | 7 events | ≥ 6 events | met | — |"))
        #expect(text.contains("| Hotline <7×24> (`hotline`) | health | — | ≥ 100.0% by 2021-12-31 | not reported | — |"))
        #expect(text.contains("- Indicators: 1 of 3 met their applicable target, 1 not met, 1 not reported."))
        #expect(text.contains("- Tasks: 3 in total, 1 overdue; 1 open, 1 in-progress, 1 verified."))
        #expect(text.contains("| Lead department | open | in-progress | verified | overdue |"))
        #expect(text.contains("| civil-affairs | 0 | 0 | 1 | 0 |"))
        #expect(text.contains("| education | 1 | 1 | 0 | 1 |"))
        #expect(text.contains("- Train teachers \\| phase 1 — education, due 2026-09-21"))
        #expect(text.contains("| 教育局 (education) | 2 | 0 | 0 | 1 | 0 of 0 | Speed up teacher training |"))
    }

    @Test("HTML: self-contained, escaped, with one attainment bar per reported indicator and stacked task bars")
    func html() {
        let page = HTMLReport.render(Self.report)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(page.contains("Hotline &lt;7×24&gt;"))
        #expect(!page.contains("Hotline <7×24>"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 2)
        // Attainment: 50% of a 420-wide bar, red (not met); 7 of max(7, 6)·1.1 events, green (met).
        #expect(page.contains("width=\"210.0\" height=\"16\" fill=\"#b3261e\""))
        #expect(page.contains("width=\"381.8\" height=\"16\" fill=\"#1b7f3b\""))
        // The target mark of 80% sits at 260 + 0.8·420.
        #expect(page.contains("x1=\"596.0\""))
        #expect(page.contains("<title>education: 1 in-progress</title>"))
        #expect(page.contains("<span class=\"bad\">not met</span>"))
    }
}
