import Foundation

/// The figures both renderings show, computed once.
struct ReportFigures {
    /// Task statuses in lifecycle order; others follow alphabetically.
    static let statusOrder = ["open", "in-progress", "completed", "verified", "returned"]

    let report: EvaluationReport

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

    /// "↑ 20.0% → 50.0% → 80.0%", or "—".
    static func trend(_ line: EvaluationReport.IndicatorLine) -> String {
        guard line.trend.count > 1, let first = line.trend.first?.value, let last = line.trend.last?.value else {
            return "—"
        }
        let arrow = last > first ? "↑" : last < first ? "↓" : "→"
        return arrow + " " + line.trend.map { line.format($0.value) }.joined(separator: " → ")
    }

    static func target(_ line: EvaluationReport.IndicatorLine) -> String {
        guard let target = line.target else { return "no target" }
        let bound = (line.atLeast ? "≥ " : "≤ ") + line.format(target)
        return line.targetDeadline.map { "\(bound) by \($0)" } ?? bound
    }

    static func verdict(_ line: EvaluationReport.IndicatorLine) -> String {
        switch line.met {
        case true?: return "met"
        case false?: return "not met"
        case nil: return line.value == nil ? "not reported" : "no target"
        }
    }

    static func date(_ date: Date, time: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = time ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
