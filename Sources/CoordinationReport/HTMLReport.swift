import CoordinationCore
import Foundation

/// The evaluation report as one self-contained HTML page: inline styles and SVG charts, no
/// scripts, no external files, so it can be mailed, or printed on A4 as it is
/// (`ops/render-report` makes a PDF and a PNG of it with headless Chromium).
public enum HTMLReport {
    /// `report` in `language`, times in `time`'s zone (the county's by default).
    public static func render(_ report: EvaluationReport, language: Language = .zhCN, time: LocalTime = .county) -> String {
        let figures = ReportFigures(report: report, language: language, time: time)
        let text = figures.text
        var body = """
            <h1>社会心理服务体系建设督导评估报告</h1>
            <p class="sub">\(escape(text("Evaluation report — \(report.jurisdiction), \(String(report.year))")))<br>
            \(escape(text("Generated \(figures.minute(report.generatedAt)).")))</p>
            <h2>\(escape(text("Summary")))</h2>
            <ul>
            <li>\(escape(text("Indicators: \(figures.indicatorsMet) of \(report.indicators.count) met their applicable target, \(figures.indicatorsMissed) not met, \(figures.indicatorsUnreported) not reported.")))</li>
            <li>\(escape(figures.taskSummary))</li>
            </ul>
            <h2>\(escape(text("Indicator attainment against targets")))</h2>

            """
        if report.indicators.isEmpty {
            body += "<p>\(escape(text("No indicators are defined.")))</p>\n"
        } else {
            body += Charts.legend(text)
            let percentages = report.indicators.filter(\.isPercent)
            let others = report.indicators.filter { !$0.isPercent }
            if !percentages.isEmpty { body += Charts.percentages(percentages, figures) }
            if !others.isEmpty { body += Charts.otherUnits(others, figures) }
            body += table(
                [text("Indicator"), text("Owner"), text("Value"), text("Target"), text("Result"), text("Trend")], class: "indicators",
                report.indicators.map { line in
                    [
                        "\(escape(line.name)) <code>\(escape(line.code))</code>", escape(figures.department(line.ownerDepartment)),
                        escape(line.value.map(line.format) ?? "—"),
                        escape(figures.target(line)) + (figures.earlierTargets(line).map { "<br><small>\(escape($0))</small>" } ?? ""),
                        "<span class=\"\(line.met == true ? "ok" : line.met == false ? "bad" : "none")\">"
                            + escape(figures.verdict(line)) + "</span>",
                        escape(figures.trend(line)),
                    ]
                })
            if let note = figures.lapsedNote { body += "<p class=\"note\">\(escape(note))</p>\n" }
        }
        body += "<h2>\(escape(text("Tasks by status and department")))</h2>\n"
        if report.tasks.isEmpty {
            body += "<p>\(escape(text("No tasks.")))</p>\n"
        } else {
            body += Charts.tasks(figures)
            body += table(
                [text("Lead department")] + figures.statuses.map(text.word) + [text("overdue")],
                figures.leadDepartments.map { department in
                    [escape(figures.department(department))] + figures.statuses.map { String(figures.count(department, $0)) }
                        + [String(report.tasks.filter { $0.leadDepartment == department && $0.overdue }.count)]
                })
        }
        body += "<h2>\(escape(text("Departments")))</h2>\n"
        body += table(
            [text("Department"), text("Tasks led"), text("On time"), text("Late"), text("Overdue"), text("Indicators met"), text("Feedback")],
            report.departments.map {
                [
                    "\(escape($0.name)) <code>\(escape($0.code))</code>", String($0.tasksLed), String($0.onTime),
                    String($0.late), String($0.overdueOpen), escape(text("\($0.indicatorsMet) of \($0.indicatorsOwned)")),
                    escape($0.feedback.isEmpty ? "—" : $0.feedback),
                ]
            })
        body += "<p class=\"sources\">\(escape(figures.sources))</p>\n"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>督导评估报告 \(escape(report.jurisdiction)) \(report.year)</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Screen and A4 print styles; CJK fonts first, as installed on Linux, macOS and Windows.
    static let style = """
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #222; line-height: 1.5; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } .sub { color: #555; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; margin: 1em 0 2em; font-size: 0.92em; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } code { color: #666; font-size: 0.85em; }
        .ok { color: #1b7f3b; font-weight: bold; } .bad { color: #b3261e; font-weight: bold; } .none { color: #777; }
        figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #555; }
        svg { display: block; max-width: 100%; height: auto; } svg text { font-size: 12px; fill: #222; } svg text.muted { fill: #777; }
        .legend { font-size: 0.9em; color: #333; }
        .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 0.8em; vertical-align: -0.1em; }
        .tick { display: inline-block; width: 0; height: 1.1em; border-left: 2px solid #222; margin: 0 0.3em 0 0.8em; vertical-align: -0.2em; }
        .note, .sources { font-size: 0.88em; color: #555; }
        .indicators td:nth-child(2), .indicators td:nth-child(3), .indicators td:nth-child(5) { white-space: nowrap; }
        @page { size: A4; margin: 16mm 14mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10.5pt; }
          h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg rect, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    private static func table(_ headers: [String], class name: String? = nil, _ rows: [[String]]) -> String {
        "<table\(name.map { " class=\"\($0)\"" } ?? "")>\n<tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }.joined() + "</table>\n"
    }

    /// `text` with HTML's special characters escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
