import CoordinationCore
import Foundation
import Testing

@Suite("Task rules and lifecycle")
struct TaskRulesTests {
    private let decision = TaskSource.decision(UUID())
    private let due = Date(timeIntervalSince1970: 1_800_000_000)

    private func draft(lead: String = "education", cooperating: [String] = ["civil-affairs"], due: Date? = nil)
        -> TaskDraft
    {
        TaskDraft(
            title: "Counselling rooms", leadDepartment: lead, cooperatingDepartments: cooperating, dueAt: due ?? self.due,
            priority: .high, source: decision)
    }

    private func fields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            let error = error as? CoordinationError
            #expect(error?.code == .invalidArgument)
            return error?.violations.map(\.field) ?? ["(not a CoordinationError)"]
        }
    }

    @Test("a valid draft passes; each bad field is named")
    func validation() {
        #expect(fields { try TaskRules.validate(draft()) } == [])
        #expect(fields { try TaskRules.validate(draft(cooperating: ["education"])) } == ["cooperating_departments[0]"])
        #expect(fields { try TaskRules.validate(draft(cooperating: ["unions", "unions"])) } == ["cooperating_departments[1]"])
        #expect(fields { try TaskRules.validate(draft(lead: "")) } == ["lead_department"])
        var missingDue = draft()
        missingDue.dueAt = nil
        #expect(fields { try TaskRules.validate(missingDue) } == ["due_at"])
        var untitled = draft()
        untitled.title = "  "
        #expect(fields { try TaskRules.validate(untitled) } == ["title"])
        // A work-plan task may omit its due date: the phase's end applies.
        missingDue.source = .workPlanPhase(UUID(), .promotion)
        #expect(fields { try TaskRules.validate(missingDue) } == [])
    }

    @Test("a phase task is due at the phase end by default and never later")
    func phaseDueDate() throws {
        let phase = PhaseSchedule(phase: .promotion, startsAt: due, endsAt: due.addingTimeInterval(86_400 * 30))
        #expect(try TaskRules.dueDate(requested: nil, in: phase) == phase.endsAt)
        #expect(try TaskRules.dueDate(requested: due.addingTimeInterval(86_400), in: phase) == due.addingTimeInterval(86_400))
        #expect(fields { _ = try TaskRules.dueDate(requested: phase.endsAt.addingTimeInterval(1), in: phase) } == ["due_at"])
    }

    @Test("progress percent is 0...100")
    func percent() {
        #expect(fields { try ProgressReport(status: .inProgress, percent: 100).validate() } == [])
        #expect(fields { try ProgressReport(status: .inProgress, percent: 101).validate() } == ["percent"])
        #expect(fields { try ProgressReport(status: .blocked, percent: -1).validate() } == ["percent"])
    }

    @Test("open → in progress → completed → returned → in progress → completed → verified")
    func happyPath() throws {
        var status = TaskStatus.open
        status = try TaskLifecycle.report(status, by: .cooperating)
        #expect(status == .inProgress)
        status = try TaskLifecycle.report(status, by: .lead)
        #expect(status == .inProgress)
        status = try TaskLifecycle.complete(status, by: .lead)
        #expect(status == .completed)
        status = try TaskLifecycle.returnToLead(status, reason: "no evidence for two townships")
        #expect(status == .returned)
        status = try TaskLifecycle.report(status, by: .lead)
        #expect(status == .inProgress)
        status = try TaskLifecycle.complete(status, by: .lead)
        status = try TaskLifecycle.verify(status)
        #expect(status == .verified)
    }

    @Test("who may do what, and in which state")
    func refusals() {
        func code(_ body: () throws -> Void) -> (CoordinationError.Code?, String) {
            do {
                try body()
                return (nil, "")
            } catch {
                let error = error as? CoordinationError
                return (error?.code, error?.message.description ?? "")
            }
        }
        // Only departments on the task report; only the lead completes.
        #expect(code { _ = try TaskLifecycle.report(.open, by: nil) }.0 == .permissionDenied)
        let cooperating = code { _ = try TaskLifecycle.complete(.inProgress, by: .cooperating) }
        #expect(cooperating.0 == .permissionDenied)
        #expect(cooperating.1.contains("only the lead department completes"))
        #expect(code { _ = try TaskLifecycle.complete(.inProgress, by: nil) }.0 == .permissionDenied)
        // Sign-off needs a completed task.
        let early = code { _ = try TaskLifecycle.verify(.inProgress) }
        #expect(early.0 == .failedPrecondition)
        #expect(early.1 == "task is in progress; the lead department must complete it first")
        #expect(code { _ = try TaskLifecycle.verify(.open) }.0 == .failedPrecondition)
        #expect(code { _ = try TaskLifecycle.verify(.verified) }.0 == .failedPrecondition)
        // Returning needs a reason and a completed task.
        #expect(code { _ = try TaskLifecycle.returnToLead(.completed, reason: " ") }.0 == .invalidArgument)
        #expect(code { _ = try TaskLifecycle.returnToLead(.inProgress, reason: "why") }.0 == .failedPrecondition)
        #expect(code { _ = try TaskLifecycle.returnToLead(.verified, reason: "why") }.0 == .failedPrecondition)
        // Nothing moves a completed task but sign-off or return; nothing moves a verified one.
        #expect(code { _ = try TaskLifecycle.report(.completed, by: .lead) }.0 == .failedPrecondition)
        #expect(code { _ = try TaskLifecycle.report(.verified, by: .cooperating) }.0 == .failedPrecondition)
        #expect(code { _ = try TaskLifecycle.complete(.completed, by: .lead) }.0 == .failedPrecondition)
        #expect(code { try TaskLifecycle.supervise(.verified) }.0 == .failedPrecondition)
        #expect(code { try TaskLifecycle.supervise(.returned) }.0 == nil)
    }

    @Test("work-plan phases: in order, not overlapping, each field named")
    func workPlanPhases() {
        let day: TimeInterval = 86_400
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        func phase(_ p: WorkPlanPhase, _ from: Double, _ to: Double) -> PhaseSchedule {
            PhaseSchedule(phase: p, startsAt: start + from * day, endsAt: start + to * day)
        }
        func check(_ phases: [PhaseSchedule], year: Int = 2026) -> [String] {
            fields { try WorkPlan.validate(title: "2026 plan", jurisdictionCode: "demo-county", year: year, phases: phases) }
        }
        #expect(check([phase(.mobilisation, 0, 58), phase(.promotion, 59, 240), phase(.deepening, 241, 330),
                       phase(.evaluation, 331, 364)]) == [])
        #expect(check([phase(.promotion, 0, 10), phase(.mobilisation, 11, 20)]) == ["phases[1].phase"])
        #expect(check([phase(.mobilisation, 0, 10), phase(.promotion, 10, 20)]) == ["phases[1].starts_at"])
        #expect(check([phase(.mobilisation, 0, 10), phase(.mobilisation, 11, 20)]) == ["phases[1].phase"])
        #expect(check([phase(.mobilisation, 10, 5)]) == ["phases[0].ends_at"])
        #expect(check([]) == ["phases"])
        #expect(check([phase(.mobilisation, 0, 10)], year: 1999) == ["year"])
    }
}
