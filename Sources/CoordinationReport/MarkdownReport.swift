/// The evaluation report as Markdown, for a document or a wiki.
public enum MarkdownReport {
    public static func render(_ report: EvaluationReport) -> String {
        let figures = ReportFigures(report: report)
        var lines: [String] = [
            "# 社会心理服务体系建设督导评估报告",
            "",
            "**Evaluation report — \(cell(report.jurisdiction)), \(report.year)**  ",
            "Generated \(ReportFigures.date(report.generatedAt, time: true)).",
            "",
            "## Summary",
            "",
            "- Indicators: \(figures.indicatorsMet) of \(report.indicators.count) met their applicable target, "
                + "\(figures.indicatorsMissed) not met, \(figures.indicatorsUnreported) not reported.",
            "- Tasks: \(report.tasks.count) in total, \(figures.overdueTasks) overdue"
                + (figures.statuses.isEmpty ? "." : "; " + figures.statuses.map { "\(figures.count(status: $0)) \($0)" }
                    .joined(separator: ", ") + "."),
            "",
            "## Indicator attainment",
            "",
        ]
        if report.indicators.isEmpty {
            lines.append("No indicators are defined.")
        } else {
            lines += table(
                ["Indicator", "Owner", "Value", "Target", "Result", "Trend"],
                report.indicators.map { line in
                    [
                        "\(line.name) (`\(line.code)`)", line.ownerDepartment, line.value.map(line.format) ?? "—",
                        ReportFigures.target(line), ReportFigures.verdict(line), ReportFigures.trend(line),
                    ]
                })
        }
        lines += ["", "## Tasks by status and department", ""]
        if report.tasks.isEmpty {
            lines.append("No tasks.")
        } else {
            lines += table(
                ["Lead department"] + figures.statuses + ["overdue"],
                figures.leadDepartments.map { department in
                    [department] + figures.statuses.map { String(figures.count(department, $0)) }
                        + [String(report.tasks.filter { $0.leadDepartment == department && $0.overdue }.count)]
                })
            let overdue = report.tasks.filter(\.overdue)
            if !overdue.isEmpty {
                lines += ["", "Overdue tasks:", ""]
                lines += overdue.map { "- \(cell($0.title)) — \($0.leadDepartment), due \(ReportFigures.date($0.due))" }
            }
        }
        lines += ["", "## Departments", ""]
        if report.departments.isEmpty {
            lines.append("No department has tasks or indicators this year.")
        } else {
            lines += table(
                ["Department", "Tasks led", "On time", "Late", "Overdue", "Indicators met", "Feedback"],
                report.departments.map {
                    [
                        "\($0.name) (\($0.code))", String($0.tasksLed), String($0.onTime), String($0.late),
                        String($0.overdueOpen), "\($0.indicatorsMet) of \($0.indicatorsOwned)",
                        $0.feedback.isEmpty ? "—" : $0.feedback,
                    ]
                })
        }
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
