import ArgumentParser
import CoordinationAPI
import CoordinationClient
import CoordinationCore
import Foundation
import PluginAPI

/// Dates and enum names as `coord task` and `coord plan` read and print them.
enum TaskArguments {
    /// The wire enum value named `text` (e.g. `in-progress`), in the order of `domain`'s cases.
    static func value<Domain: CaseIterable & RawRepresentable, Wire: RawRepresentable>(
        _ text: String, _ domain: Domain.Type, option: String
    ) throws -> Wire where Domain.RawValue == String, Wire.RawValue == Int {
        let names = domain.allCases.map { name($0) }
        guard let index = names.firstIndex(of: text.lowercased().replacingOccurrences(of: "_", with: "-")),
              let value = Wire(rawValue: index + 1)
        else { throw ValidationError(tr("\(option) must be one of \(names.joined(separator: ", ")), got '\(text)'")) }
        return value
    }

    /// The name of a wire enum value, e.g. `in-progress` (`-` when unspecified).
    static func name<Domain: CaseIterable & RawRepresentable, Wire: RawRepresentable>(
        _ wire: Wire, _ domain: Domain.Type
    ) -> String where Domain.RawValue == String, Wire.RawValue == Int {
        let cases = Array(domain.allCases)
        guard (1...cases.count).contains(wire.rawValue) else { return "-" }
        return name(cases[wire.rawValue - 1])
    }

    private static func name<Domain: RawRepresentable>(_ value: Domain) -> String where Domain.RawValue == String {
        value.rawValue.replacingOccurrences(of: "_", with: "-")
    }
}

/// One task as the CLI prints it.
struct TaskRow: Encodable {
    var id: String
    var title: String
    var leadDepartment: String
    var cooperatingDepartments: [String]
    var priority: String
    var status: String
    var dueAt: Date
    var overdue: Bool
    var escalationLevel: Int32
    var jurisdictionCode: String
    var decisionID: String?
    var workPlanID: String?
    var workPlanPhase: String?
    /// The record whose routing rule opened the task.
    var sourceRecordID: String?
    var completedAt: Date?
    var verifiedAt: Date?

    init(_ task: Tasks_Task) {
        id = task.taskID
        title = task.title
        leadDepartment = task.leadDepartment
        cooperatingDepartments = task.cooperatingDepartments
        priority = TaskArguments.name(task.priority, TaskPriority.self)
        status = TaskArguments.name(task.status, TaskStatus.self)
        dueAt = task.dueAt.date
        overdue = task.overdue
        escalationLevel = task.escalationLevel
        jurisdictionCode = task.jurisdictionCode
        switch task.source {
        case .decisionID(let id)?: decisionID = id
        case .workPlanPhase(let ref)?:
            workPlanID = ref.workPlanID
            workPlanPhase = TaskArguments.name(ref.phase, WorkPlanPhase.self)
        case .sourceRecordID(let id)?: sourceRecordID = id
        case nil: break
        }
        completedAt = task.hasCompletedAt ? task.completedAt.date : nil
        verifiedAt = task.hasVerifiedAt ? task.verifiedAt.date : nil
    }

    static let headers = ["ID", "TITLE", "LEAD", "COOPERATING", "PRIORITY", "STATUS", "DUE"]

    /// Overdue tasks are marked `OVERDUE` after their due date.
    var cells: [String] {
        [IDPrefix.short(id), title, leadDepartment, cooperatingDepartments.isEmpty ? "-" : cooperatingDepartments.joined(separator: ","),
         priority, status, Output.timestamp(dueAt) + (overdue ? "  OVERDUE" : "")]
    }
}

/// One work plan as the CLI prints it.
struct WorkPlanRow: Encodable {
    struct Phase: Encodable {
        var phase: String
        var startsAt: Date
        var endsAt: Date
    }

    var id: String
    var title: String
    var jurisdictionCode: String
    var year: Int32
    var phases: [Phase]
    var createdBy: String

    init(_ plan: Tasks_WorkPlan) {
        id = plan.workPlanID
        title = plan.title
        jurisdictionCode = plan.jurisdictionCode
        year = plan.year
        phases = plan.phases.map {
            Phase(phase: TaskArguments.name($0.phase, WorkPlanPhase.self), startsAt: $0.startsAt.date, endsAt: $0.endsAt.date)
        }
        createdBy = plan.createdBy
    }

    static let headers = ["ID", "YEAR", "JURISDICTION", "TITLE", "PHASES"]

    var cells: [String] {
        [IDPrefix.short(id), "\(year)", jurisdictionCode, title, phases.map(\.phase).joined(separator: ",")]
    }
}
