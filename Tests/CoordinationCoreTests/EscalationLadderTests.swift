import CoordinationCore
import Foundation
import Testing

@Suite("Escalation ladder")
struct EscalationLadderTests {
    private let ladder = EscalationLadder(grace: 3 * 86_400, officeDepartment: "health")
    private let due = Date(timeIntervalSince1970: 1_800_000_000)

    private func steps(at offset: TimeInterval, level: Int = 0, status: TaskStatus = .inProgress) -> [EscalationLadder.Step] {
        ladder.steps(dueAt: due, now: due.addingTimeInterval(offset), level: level, status: status, leadDepartment: "education")
    }

    @Test("nothing before the due date; the lead at the due date; the office after the grace period")
    func rungs() {
        #expect(steps(at: -1).isEmpty)
        #expect(steps(at: 0) == [.init(level: 1, kind: .taskOverdue, departmentCode: "education")])
        #expect(steps(at: 3 * 86_400 - 1, level: 1).isEmpty)
        #expect(steps(at: 3 * 86_400, level: 1) == [.init(level: 2, kind: .taskEscalated, departmentCode: "health")])
    }

    @Test("a late sweep takes every rung due, lowest first; a rung reached is never repeated")
    func catchUpAndOnce() {
        #expect(steps(at: 10 * 86_400).map(\.level) == [1, 2])
        #expect(steps(at: 10 * 86_400, level: 2).isEmpty)
        #expect(steps(at: 1, level: 1).isEmpty)
    }

    @Test("completed and verified tasks never escalate; returned ones do")
    func statuses() {
        #expect(steps(at: 10 * 86_400, status: .completed).isEmpty)
        #expect(steps(at: 10 * 86_400, status: .verified).isEmpty)
        #expect(steps(at: 10 * 86_400, status: .returned).count == 2)
        #expect(steps(at: 10 * 86_400, status: .open).count == 2)
    }

    @Test("the grace period and the office are configurable")
    func configurable() {
        let quick = EscalationLadder(grace: 3600, officeDepartment: "political-legal")
        let result = quick.steps(dueAt: due, now: due.addingTimeInterval(3600), level: 1, status: .open, leadDepartment: "x")
        #expect(result == [.init(level: 2, kind: .taskEscalated, departmentCode: "political-legal")])
    }
}
