import CoordinationCore
import Foundation
import Testing

/// The one ladder every deadline climbs, here with a task's rungs.
@Suite("Deadline ladder")
struct DeadlineLadderTests {
    private let escalation = TaskEscalation(grace: 3 * 86_400, officeDepartment: "health")
    private let due = Date(timeIntervalSince1970: 1_800_000_000)

    private func steps(at offset: TimeInterval, level: Int = 0, status: TaskStatus = .inProgress) -> [DeadlineLadder.Rung] {
        escalation.ladder(status: status, leadDepartment: "education")
            .steps(deadline: due, now: due.addingTimeInterval(offset), reached: level)
    }

    @Test("nothing before the due date; the lead at the due date; the office after the grace period")
    func rungs() {
        #expect(steps(at: -1).isEmpty)
        #expect(steps(at: 0) == [.init(level: 1, after: 0, kind: .taskOverdue, recipients: ["education"])])
        #expect(steps(at: 3 * 86_400 - 1, level: 1).isEmpty)
        #expect(steps(at: 3 * 86_400, level: 1) == [.init(level: 2, after: 3 * 86_400, kind: .taskEscalated, recipients: ["health"])])
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
        let quick = TaskEscalation(grace: 3600, officeDepartment: "political-legal")
        let result = quick.ladder(status: .open, leadDepartment: "x").steps(deadline: due, now: due.addingTimeInterval(3600), reached: 1)
        #expect(result.map(\.recipients) == [["political-legal"]] && result.map(\.kind) == [.taskEscalated])
    }

    @Test("a rung's recipients are named once each, in order")
    func recipientsOnce() {
        let ladder = DeadlineLadder([(after: 0, kind: .alertEscalated, recipients: ["health", "political-legal", "health"])])
        #expect(ladder.rungs.map(\.recipients) == [["health", "political-legal"]])
    }
}
