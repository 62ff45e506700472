import Foundation

/// The evaluation report as one self-contained HTML page: inline styles and SVG charts, no
/// scripts, no external files, so it can be mailed or printed as it is.
public enum HTMLReport {
    public static func render(_ report: EvaluationReport) -> String {
        let figures = ReportFigures(report: report)
        var body = """
            <h1>社会心理服务体系建设督导评估报告</h1>
            <p class="sub">Evaluation report — \(escape(report.jurisdiction)), \(report.year).
            Generated \(ReportFigures.date(report.generatedAt, time: true)).</p>
            <h2>Summary</h2>
            <ul>
            <li>Indicators: <b>\(figures.indicatorsMet)</b> of \(report.indicators.count) met their applicable target, \
            \(figures.indicatorsMissed) not met, \(figures.indicatorsUnreported) not reported.</li>
            <li>Tasks: <b>\(report.tasks.count)</b> in total, <b>\(figures.overdueTasks)</b> overdue.</li>
            </ul>
            <h2>Indicator attainment against targets</h2>

            """
        if report.indicators.isEmpty {
            body += "<p>No indicators are defined.</p>\n"
        } else {
            body += Charts.attainment(report.indicators)
            body += table(
                ["Indicator", "Owner", "Value", "Target", "Result", "Trend"],
                report.indicators.map { line in
                    [
                        "\(escape(line.name)) <code>\(escape(line.code))</code>", escape(line.ownerDepartment),
                        escape(line.value.map(line.format) ?? "—"), escape(ReportFigures.target(line)),
                        "<span class=\"\(line.met == true ? "ok" : line.met == false ? "bad" : "none")\">"
                            + escape(ReportFigures.verdict(line)) + "</span>",
                        escape(ReportFigures.trend(line)),
                    ]
                })
        }
        body += "<h2>Tasks by status and department</h2>\n"
        if report.tasks.isEmpty {
            body += "<p>No tasks.</p>\n"
        } else {
            body += Charts.tasks(figures)
            body += table(
                ["Lead department"] + figures.statuses.map(escape) + ["overdue"],
                figures.leadDepartments.map { department in
                    [escape(department)] + figures.statuses.map { String(figures.count(department, $0)) }
                        + [String(report.tasks.filter { $0.leadDepartment == department && $0.overdue }.count)]
                })
        }
        body += "<h2>Departments</h2>\n"
        body += table(
            ["Department", "Tasks led", "On time", "Late", "Overdue", "Indicators met", "Feedback"],
            report.departments.map {
                [
                    "\(escape($0.name)) <code>\(escape($0.code))</code>", String($0.tasksLed), String($0.onTime),
                    String($0.late), String($0.overdueOpen), "\($0.indicatorsMet) of \($0.indicatorsOwned)",
                    escape($0.feedback.isEmpty ? "—" : $0.feedback),
                ]
            })
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>督导评估报告 \(escape(report.jurisdiction)) \(report.year)</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "PingFang SC", "Helvetica Neue", Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } .sub { color: #555; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; margin: 1em 0 2em; font-size: 0.92em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; } code { color: #666; font-size: 0.85em; }
            .ok { color: #1b7f3b; font-weight: bold; } .bad { color: #b3261e; font-weight: bold; } .none { color: #777; }
            svg { display: block; margin: 1em 0; } svg text { font-size: 12px; fill: #222; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private static func table(_ headers: [String], _ rows: [[String]]) -> String {
        "<table>\n<tr>" + headers.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }.joined() + "</table>\n"
    }

    /// `text` with HTML's special characters escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
