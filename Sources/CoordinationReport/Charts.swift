import Foundation

/// Inline SVG bar charts for ``HTMLReport``.
enum Charts {
    static let statusColours = [
        "open": "#9e9e9e", "in-progress": "#2f6fb3", "completed": "#f0a202", "verified": "#1b7f3b", "returned": "#b3261e",
    ]
    static let met = "#1b7f3b"
    static let notMet = "#b3261e"
    static let unreported = "#bdbdbd"

    static let (label, width, row) = (260.0, 420.0, 26.0)

    /// The key to the attainment charts: bar colours and the target mark.
    static func legend(_ text: ReportText) -> String {
        "<p class=\"legend\">"
            + [(met, text("met")), (notMet, text("not met")), (unreported, text("not reported"))].map { colour, name in
                "<span class=\"swatch\" style=\"background:\(colour)\"></span>\(HTMLReport.escape(name))"
            }.joined(separator: " ")
            + " <span class=\"tick\"></span>\(HTMLReport.escape(text("target")))</p>\n"
    }

    /// Percentages on one 0–100% scale, with its axis.
    static func percentages(_ lines: [EvaluationReport.IndicatorLine], _ figures: ReportFigures) -> String {
        let axis = 22.0
        let height = Double(lines.count) * row + axis + 6
        var svg = svgOpen(width: label + width + 90, height: height, title: figures.text("Percentages (0–100%)"))
        for tick in stride(from: 0.0, through: 100.0, by: 25.0) {
            let x = label + tick / 100 * width
            svg += "<line x1=\"\(fmt(x))\" y1=\"0\" x2=\"\(fmt(x))\" y2=\"\(fmt(height - axis))\" stroke=\"#ddd\"/>"
            svg += text(x: x, y: height - 6, anchor: "middle", "\(Int(tick))%")
        }
        for (index, line) in lines.enumerated() {
            svg += bar(line, y: Double(index) * row + 4, scale: 100, figures: figures)
        }
        return svg + "</svg></figure>\n"
    }

    /// Counts, ratios and other units: each bar on its own scale, named at its end.
    static func otherUnits(_ lines: [EvaluationReport.IndicatorLine], _ figures: ReportFigures) -> String {
        var svg = svgOpen(width: label + width + 230, height: Double(lines.count) * row + 8, title: figures.text("Other units (each bar on its own scale, shown at its end)"))
        for (index, line) in lines.enumerated() {
            let y = Double(index) * row + 4
            let scale = max(line.value ?? 0, line.target ?? 0, 1) * 1.1
            svg += bar(line, y: y, scale: scale, figures: figures)
            svg += text(x: label + width + 60, y: y + 16, anchor: "start", figures.text("full bar = \(line.format(scale))"), muted: true)
        }
        return svg + "</svg></figure>\n"
    }

    /// One indicator's bar (coloured by its verdict), its value and its target mark.
    private static func bar(_ line: EvaluationReport.IndicatorLine, y: Double, scale: Double, figures: ReportFigures) -> String {
        let colour = line.met == true ? met : line.met == false ? notMet : unreported
        var svg = text(x: label - 8, y: y + 16, anchor: "end", truncate(line.name, 20))
        svg += "<rect x=\"\(label)\" y=\"\(fmt(y + 3))\" width=\"\(width)\" height=\"16\" fill=\"#f0f0f0\"/>"
        if let value = line.value {
            svg += "<rect x=\"\(label)\" y=\"\(fmt(y + 3))\" width=\"\(fmt(min(value / scale, 1) * width))\" height=\"16\" fill=\"\(colour)\"/>"
            svg += text(x: label + width + 6, y: y + 16, anchor: "start", line.format(value))
        } else {
            svg += text(x: label + width + 6, y: y + 16, anchor: "start", "—")
        }
        if let target = line.target {
            let x = label + min(target / scale, 1) * width
            svg += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x))\" y2=\"\(fmt(y + 22))\" stroke=\"#222\" stroke-width=\"2\">"
                + "<title>\(HTMLReport.escape(figures.text("target"))) \(HTMLReport.escape(figures.target(line)))</title></line>"
        }
        return svg
    }

    /// One stacked bar per lead department: its tasks by status, with the statuses' key.
    static func tasks(_ figures: ReportFigures) -> String {
        let departments = figures.leadDepartments
        let statuses = figures.statuses
        let most = departments.map { department in statuses.reduce(0) { $0 + figures.count(department, $1) } }.max() ?? 1
        let (label, width, row) = (180.0, 480.0, 26.0)
        let legend = 24.0
        var svg = svgOpen(
            width: label + width + 40, height: Double(departments.count) * row + legend + 10, title: figures.text("Tasks by status"))
        var x = label
        for status in statuses {
            svg += "<rect x=\"\(fmt(x))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(statusColours[status] ?? "#6d4c9f")\"/>"
            svg += text(x: x + 16, y: 14, anchor: "start", figures.text.word(status))
            x += 110
        }
        for (index, department) in departments.enumerated() {
            let y = legend + Double(index) * row
            svg += text(x: label - 8, y: y + 16, anchor: "end", truncate(figures.department(department), 12))
            var offset = label
            for status in statuses {
                let count = figures.count(department, status)
                guard count > 0 else { continue }
                let length = Double(count) / Double(max(most, 1)) * width
                svg += "<rect x=\"\(fmt(offset))\" y=\"\(y + 3)\" width=\"\(fmt(length))\" height=\"16\" "
                    + "fill=\"\(statusColours[status] ?? "#6d4c9f")\"><title>\(HTMLReport.escape(figures.department(department))): "
                    + "\(HTMLReport.escape(figures.text("\(count) \(figures.text.word(status))")))</title></rect>"
                offset += length
            }
        }
        return svg + "</svg></figure>\n"
    }

    private static func svgOpen(width: Double, height: Double, title: String) -> String {
        "<figure><figcaption>\(HTMLReport.escape(title))</figcaption>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\"><title>\(HTMLReport.escape(title))</title>"
    }

    private static func text(x: Double, y: Double, anchor: String, _ content: String, muted: Bool = false) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\"\(muted ? " class=\"muted\"" : "")>\(HTMLReport.escape(content))</text>"
    }

    private static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func fmt(_ number: Double) -> String { String(format: "%.1f", number) }
}
