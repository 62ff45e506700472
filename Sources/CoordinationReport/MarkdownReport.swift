import CoordinationCore
import Foundation

/// The evaluation report as Markdown, for a document or a wiki.
public enum MarkdownReport {
    /// `report` in `language`, times in `time`'s zone (the county's by default).
    public static func render(_ report: EvaluationReport, language: Language = .zhCN, time: LocalTime = .county) -> String {
        let figures = ReportFigures(report: report, language: language, time: time)
        let text = figures.text
        var lines: [String] = [
            "# 社会心理服务体系建设督导评估报告",
            "",
            "**" + text("Evaluation report — \(cell(report.jurisdiction)), \(String(report.year))") + "**  ",
            text("Generated \(figures.minute(report.generatedAt))."),
            "",
            "## " + text("Summary"),
            "",
            "- " + text("Indicators: \(figures.indicatorsMet) of \(report.indicators.count) met their applicable target, \(figures.indicatorsMissed) not met, \(figures.indicatorsUnreported) not reported."),
            "- " + figures.taskSummary,
            "",
            "## " + text("Indicator attainment against targets"),
            "",
        ]
        if report.indicators.isEmpty {
            lines.append(text("No indicators are defined."))
        } else {
            lines += table(
                [text("Indicator"), text("Owner"), text("Value"), text("Target"), text("Result"), text("Trend")],
                report.indicators.map { line in
                    [
                        "\(line.name) (`\(line.code)`)", figures.department(line.ownerDepartment), line.value.map(line.format) ?? "—",
                        figures.targetWithHistory(line),
                        figures.verdict(line), figures.trend(line),
                    ]
                })
            if let note = figures.lapsedNote { lines += ["", note] }
        }
        lines += ["", "## " + text("Tasks by status and department"), ""]
        if report.tasks.isEmpty {
            lines.append(text("No tasks."))
        } else {
            lines += table(
                [text("Lead department")] + figures.statuses.map(text.word) + [text("overdue")],
                figures.leadDepartments.map { department in
                    [figures.department(department)] + figures.statuses.map { String(figures.count(department, $0)) }
                        + [String(report.tasks.filter { $0.leadDepartment == department && $0.overdue }.count)]
                })
            let overdue = report.tasks.filter(\.overdue)
            if !overdue.isEmpty {
                lines += ["", text("Overdue tasks:"), ""]
                lines += overdue.map { "- " + text("\(cell($0.title)) — \(figures.department($0.leadDepartment)), due \(figures.day($0.due))") }
            }
        }
        lines += ["", "## " + text("Departments"), ""]
        if report.departments.isEmpty {
            lines.append(text("No department has tasks or indicators this year."))
        } else {
            lines += table(
                [text("Department"), text("Tasks led"), text("On time"), text("Late"), text("Overdue"), text("Indicators met"), text("Feedback")],
                report.departments.map {
                    [
                        "\($0.name) (\($0.code))", String($0.tasksLed), String($0.onTime), String($0.late),
                        String($0.overdueOpen), text("\($0.indicatorsMet) of \($0.indicatorsOwned)"),
                        $0.feedback.isEmpty ? "—" : $0.feedback,
                    ]
                })
        }
        lines += ["", "_" + figures.sources + "_"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func table(_ headers: [String], _ rows: [[String]]) -> [String] {
        ["| " + headers.map(cell).joined(separator: " | ") + " |",
         "|" + String(repeating: "---|", count: headers.count)]
            + rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
    }

    /// Text safe inside a table cell: no pipes, no line breaks.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
