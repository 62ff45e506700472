import CoordinationCore
import Foundation

/// The figures and phrases both renderings show, computed once, in the report's language and
/// time zone.
struct ReportFigures {
    /// Task statuses in lifecycle order; others follow alphabetically.
    static let statusOrder = ["open", "in-progress", "completed", "verified", "returned"]

    let report: EvaluationReport
    let text: ReportText
    let time: LocalTime

    init(report: EvaluationReport, language: Language, time: LocalTime) {
        self.report = report
        self.text = ReportText(language: language)
        self.time = time
    }

    var indicatorsMet: Int { report.indicators.filter { $0.met == true }.count }
    var indicatorsMissed: Int { report.indicators.filter { $0.met == false }.count }
    var indicatorsUnreported: Int { report.indicators.filter { $0.value == nil }.count }
    var overdueTasks: Int { report.tasks.filter(\.overdue).count }

    /// Every status that occurs, in lifecycle order.
    var statuses: [String] {
        let present = Set(report.tasks.map(\.status))
        return Self.statusOrder.filter(present.contains) + present.subtracting(Self.statusOrder).sorted()
    }

    /// Departments leading at least one task, by code.
    var leadDepartments: [String] { Set(report.tasks.map(\.leadDepartment)).sorted() }

    /// How many tasks `department` leads in `status`.
    func count(_ department: String, _ status: String) -> Int {
        report.tasks.filter { $0.leadDepartment == department && $0.status == status }.count
    }

    /// How many tasks are in `status`.
    func count(status: String) -> Int { report.tasks.filter { $0.status == status }.count }

    /// The department's name in the report's language, or its code.
    func department(_ code: String) -> String { report.departmentNames[code] ?? code }

    /// The summary's task sentence.
    var taskSummary: String {
        let (total, overdue) = (report.tasks.count, overdueTasks)
        guard !statuses.isEmpty else { return text("Tasks: \(total) in total, \(overdue) overdue.") }
        let byStatus = statuses.map { text("\(count(status: $0)) \(text.word($0))") }
            .joined(separator: text.language == .zhCN ? "，" : ", ")
        return text("Tasks: \(total) in total, \(overdue) overdue; \(byStatus).")
    }

    /// `↑ rising: 20.0% → 50.0% → 80.0%`, or why there is no trend.
    func trend(_ line: EvaluationReport.IndicatorLine) -> String {
        let values = line.trendValues
        guard values.count > 1, let first = values.first?.value, let last = values.last?.value else {
            return values.isEmpty ? text("not enough data (no period)") : text("not enough data (\(values.count) period)")
        }
        let path = values.enumerated().map { index, point in
            index == 0 && line.baseline == point ? text("baseline \(line.format(point.value))") : line.format(point.value)
        }.joined(separator: " → ")
        if last > first { return "↑ " + text("rising: \(path)") }
        if last < first { return "↓ " + text("falling: \(path)") }
        return "→ " + text("flat: \(path)")
    }

    /// `≥ 80.0% by 2021-12-31`, with `※` when the deadline lies before the report's year.
    func target(_ line: EvaluationReport.IndicatorLine) -> String {
        guard let target = line.target else { return text("no target") }
        let bound = line.format(target)
        guard let deadline = line.targetDeadline else { return (line.atLeast ? "≥ " : "≤ ") + bound }
        let phrase = line.atLeast ? text("≥ \(bound) by \(deadline)") : text("≤ \(bound) by \(deadline)")
        return lapsed(line) ? phrase + " ※" : phrase
    }

    /// The steps before the applicable one, as history: `earlier: ≥ 20.0% by 2019-12-31; …`;
    /// `nil` when there are none.
    func earlierTargets(_ line: EvaluationReport.IndicatorLine) -> String? {
        guard let deadline = line.targetDeadline else { return nil }
        let earlier: [Localized] = line.steps.filter { $0.deadline < deadline }.map { step in
            let bound = line.format(step.threshold)
            return line.atLeast ? "≥ \(bound) by \(step.deadline)" : "≤ \(bound) by \(step.deadline)"
        }
        guard !earlier.isEmpty else { return nil }
        return text("earlier: \(Localized.joined(earlier, separator: "; "))")
    }

    /// The applicable target followed by the earlier ones in brackets, for a text table.
    func targetWithHistory(_ line: EvaluationReport.IndicatorLine) -> String {
        guard let earlier = earlierTargets(line) else { return target(line) }
        return text("\(target(line)) (\(earlier))")
    }

    /// Whether the applicable step's deadline lies before the report's year: the targets ran
    /// out and the line is judged against the last one.
    func lapsed(_ line: EvaluationReport.IndicatorLine) -> Bool {
        guard let deadline = line.targetDeadline, let year = Int(deadline.prefix(4)) else { return false }
        return year < report.year
    }

    /// The footnote for lines whose targets ran out, if any.
    var lapsedNote: String? {
        let deadlines = Set(report.indicators.filter(lapsed).compactMap(\.targetDeadline)).sorted()
        guard !deadlines.isEmpty else { return nil }
        let year = String(report.year)
        let listed = deadlines.joined(separator: text.language == .zhCN ? "、" : ", ")
        return text("※ The target's deadline (\(listed)) is before \(year): the indicator is judged against its last step; set the targets for \(year).")
    }

    func verdict(_ line: EvaluationReport.IndicatorLine) -> String {
        switch line.met {
        case true?: return text("met")
        case false?: return text("not met")
        case nil: return line.value == nil ? text("not reported") : text("no target")
        }
    }

    /// Where the figures come from and the zone times are in.
    var sources: String {
        text("Sources: indicators and targets as defined on the server (each indicator names its source); tasks due in \(String(report.year)) within \(report.jurisdiction); times in \(time.zone.identifier).")
    }

    func day(_ date: Date) -> String { time.day(date) }

    func minute(_ date: Date) -> String { time.minute(date) }
}
