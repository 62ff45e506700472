import Foundation

/// Inline SVG bar charts for ``HTMLReport``.
enum Charts {
    static let statusColours = [
        "open": "#9e9e9e", "in-progress": "#2f6fb3", "completed": "#f0a202", "verified": "#1b7f3b", "returned": "#b3261e",
    ]

    /// One bar per indicator: the value, with a mark at the target. Green met, red not met,
    /// grey not reported. Percentages on a 0–100% scale; other units scaled to the larger of
    /// value and target.
    static func attainment(_ lines: [EvaluationReport.IndicatorLine]) -> String {
        let (label, width, row) = (260.0, 420.0, 26.0)
        var svg = svgOpen(width: label + width + 90, height: Double(lines.count) * row + 10, title: "Indicator attainment")
        for (index, line) in lines.enumerated() {
            let y = Double(index) * row + 5
            let scale = line.isPercent ? 100.0 : max(line.value ?? 0, line.target ?? 0, 1) * 1.1
            let colour = line.met == true ? "#1b7f3b" : line.met == false ? "#b3261e" : "#bdbdbd"
            svg += text(x: label - 8, y: y + 16, anchor: "end", truncate(line.name, 20))
            svg += "<rect x=\"\(label)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"16\" fill=\"#f0f0f0\"/>"
            if let value = line.value {
                svg += "<rect x=\"\(label)\" y=\"\(y + 3)\" width=\"\(fmt(min(value / scale, 1) * width))\" height=\"16\" fill=\"\(colour)\"/>"
                svg += text(x: label + width + 6, y: y + 16, anchor: "start", line.format(value))
            } else {
                svg += text(x: label + width + 6, y: y + 16, anchor: "start", "—")
            }
            if let target = line.target {
                let x = label + min(target / scale, 1) * width
                svg += "<line x1=\"\(fmt(x))\" y1=\"\(y)\" x2=\"\(fmt(x))\" y2=\"\(y + 22)\" stroke=\"#222\" stroke-width=\"2\">"
                    + "<title>target \(HTMLReport.escape(ReportFigures.target(line)))</title></line>"
            }
        }
        return svg + "</svg>\n"
    }

    /// One stacked bar per lead department: its tasks by status.
    static func tasks(_ figures: ReportFigures) -> String {
        let departments = figures.leadDepartments
        let statuses = figures.statuses
        let most = departments.map { department in statuses.reduce(0) { $0 + figures.count(department, $1) } }.max() ?? 1
        let (label, width, row) = (180.0, 480.0, 26.0)
        let legend = 24.0
        var svg = svgOpen(
            width: label + width + 40, height: Double(departments.count) * row + legend + 10, title: "Tasks by status")
        var x = label
        for status in statuses {
            svg += "<rect x=\"\(fmt(x))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(statusColours[status] ?? "#6d4c9f")\"/>"
            svg += text(x: x + 16, y: 14, anchor: "start", status)
            x += 110
        }
        for (index, department) in departments.enumerated() {
            let y = legend + Double(index) * row
            svg += text(x: label - 8, y: y + 16, anchor: "end", department)
            var offset = label
            for status in statuses {
                let count = figures.count(department, status)
                guard count > 0 else { continue }
                let length = Double(count) / Double(max(most, 1)) * width
                svg += "<rect x=\"\(fmt(offset))\" y=\"\(y + 3)\" width=\"\(fmt(length))\" height=\"16\" "
                    + "fill=\"\(statusColours[status] ?? "#6d4c9f")\"><title>\(HTMLReport.escape(department)): "
                    + "\(count) \(HTMLReport.escape(status))</title></rect>"
                offset += length
            }
        }
        return svg + "</svg>\n"
    }

    private static func svgOpen(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\"><title>\(title)</title>"
    }

    private static func text(x: Double, y: Double, anchor: String, _ content: String) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\">\(HTMLReport.escape(content))</text>"
    }

    private static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func fmt(_ number: Double) -> String { String(format: "%.1f", number) }
}
