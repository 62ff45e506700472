import CoordinationAPI
import CoordinationCore
import Foundation
import PluginAPI
import SwiftProtobuf

// Wire ↔ domain for tasks and work plans. Wire enums number their cases 1… in the order of
// the domain enum's `allCases` (0 is UNSPECIFIED, refused with the field named).

extension TaskSummary {
    /// The wire form; `overdue` is judged at `now`.
    func proto(at now: Date) -> Tasks_Task {
        .with {
            $0.taskID = id.uuidString.lowercased()
            $0.title = title
            $0.description_p = description
            $0.leadDepartment = leadDepartment
            $0.cooperatingDepartments = cooperatingDepartments
            $0.priority = Tasks_TaskPriority(rawValue: WireValues.number(priority)) ?? .unspecified
            $0.jurisdictionCode = jurisdictionCode
            $0.dueAt = Google_Protobuf_Timestamp(date: dueAt)
            $0.status = Tasks_TaskStatus(rawValue: WireValues.number(status)) ?? .unspecified
            switch source {
            case .decision(let id): $0.decisionID = id.uuidString.lowercased()
            case .workPlanPhase(let plan, let phase): $0.workPlanPhase = .init(plan, phase)
            case .record(let id): $0.sourceRecordID = id.uuidString.lowercased()
            }
            $0.escalationLevel = Int32(escalationLevel)
            $0.overdue = isOverdue(at: now)
            $0.createdBy = createdBy
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
            if let completedAt { $0.completedAt = Google_Protobuf_Timestamp(date: completedAt) }
            if let verifiedAt { $0.verifiedAt = Google_Protobuf_Timestamp(date: verifiedAt) }
        }
    }
}

extension TaskDetail {
    /// The wire form, the history's details in `language`.
    func proto(at now: Date, in language: Language) -> Tasks_TaskDetail {
        .with {
            $0.task = task.proto(at: now)
            $0.progress = progress.map { entry in
                .with {
                    $0.departmentCode = entry.departmentCode
                    $0.role = Tasks_DepartmentRole(rawValue: WireValues.number(entry.role)) ?? .unspecified
                    if let report = entry.report {
                        $0.status = Tasks_ProgressStatus(rawValue: WireValues.number(report.status)) ?? .unspecified
                        $0.percent = Int32(report.percent)
                        $0.note = report.note
                        $0.evidenceReference = report.evidenceReference
                    }
                    $0.reportedBy = entry.reportedBy ?? ""
                    if let reportedAt = entry.reportedAt { $0.reportedAt = Google_Protobuf_Timestamp(date: reportedAt) }
                }
            }
            $0.history = history.map { event in
                .with {
                    $0.sequence = event.sequence
                    $0.kind = event.kind.rawValue
                    $0.departmentCode = event.departmentCode ?? ""
                    $0.actor = event.actor
                    $0.detail = event.detail.resolved(in: ServerMessages.catalog(language))
                    if let reply = event.replyDueAt { $0.replyDueAt = Google_Protobuf_Timestamp(date: reply) }
                    $0.at = Google_Protobuf_Timestamp(date: event.at)
                }
            }
        }
    }
}

extension Tasks_WorkPlanPhaseRef {
    init(_ plan: UUID, _ phase: WorkPlanPhase) {
        self.init()
        workPlanID = plan.uuidString.lowercased()
        self.phase = Tasks_WorkPlanPhase(rawValue: WireValues.number(phase)) ?? .unspecified
    }
}

extension WorkPlan {
    var proto: Tasks_WorkPlan {
        .with {
            $0.workPlanID = id.uuidString.lowercased()
            $0.title = title
            $0.jurisdictionCode = jurisdictionCode
            $0.year = Int32(year)
            $0.phases = phases.map { schedule in
                .with {
                    $0.phase = Tasks_WorkPlanPhase(rawValue: WireValues.number(schedule.phase)) ?? .unspecified
                    $0.startsAt = Google_Protobuf_Timestamp(date: schedule.startsAt)
                    $0.endsAt = Google_Protobuf_Timestamp(date: schedule.endsAt)
                }
            }
            $0.createdBy = createdBy
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
        }
    }
}

extension TaskDraft {
    /// The domain form of a create request; enums and ids are checked, naming the field.
    init(_ request: Tasks_CreateTaskRequest) throws(CoordinationError) {
        let source: TaskSource
        switch request.source {
        case .decisionID(let text)?:
            source = .decision(try WireValues.id(text, field: "decision_id"))
        case .workPlanPhase(let ref)?:
            source = .workPlanPhase(
                try WireValues.id(ref.workPlanID, field: "work_plan_phase.work_plan_id"),
                try WireValues.value(ref.phase.rawValue, field: "work_plan_phase.phase"))
        case nil:
            throw .invalidArgument(field: "source", "a decision_id or a work_plan_phase is required")
        }
        self.init(
            title: request.title, description: request.description_p, leadDepartment: request.leadDepartment,
            cooperatingDepartments: request.cooperatingDepartments,
            dueAt: request.hasDueAt ? request.dueAt.date : nil,
            priority: try WireValues.value(request.priority.rawValue, field: "priority"),
            jurisdictionCode: request.jurisdictionCode.isEmpty ? nil : request.jurisdictionCode, source: source)
    }
}

extension PhaseSchedule {
    init(_ proto: Tasks_PhaseSchedule, field: String) throws(CoordinationError) {
        guard proto.hasStartsAt else { throw .invalidArgument(field: "\(field).starts_at", "is required") }
        guard proto.hasEndsAt else { throw .invalidArgument(field: "\(field).ends_at", "is required") }
        self.init(
            phase: try WireValues.value(proto.phase.rawValue, field: "\(field).phase"),
            startsAt: proto.startsAt.date, endsAt: proto.endsAt.date)
    }
}
