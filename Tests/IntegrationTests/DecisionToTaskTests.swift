import CoordinationAPI
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// A joint meeting's decision becomes tasks, through the API end to end.
@Suite("Decision to tasks")
struct DecisionToTaskTests {
    @Test("an adopted vote becomes a task with lead and cooperating departments; a rejected one cannot")
    func decisionBecomesTask() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let meeting = try await server.convenedMeeting(MeetingFixtures.create(
                invite: ["health", "education", "civil-affairs"], leads: ["health"]))
            try await server.checkIn(["health", "education", "civil-affairs"], to: meeting)
            let (adopted, rejected) = try await server.meetings(coordinator) { client in
                _ = try await client.startSession(.with { $0.meetingID = meeting })
                func vote(_ motion: String, _ choices: [String: Meetings_VoteChoice]) async throws -> Meetings_Decision {
                    let opened = try await client.openVote(.with {
                        $0.meetingID = meeting
                        $0.agendaItem = 1
                        $0.motion = motion
                    })
                    for (department, choice) in choices.sorted(by: { $0.key < $1.key }) {
                        _ = try await server.meetings(try server.system(department)) {
                            try await $0.castVote(.with {
                                $0.meetingID = meeting
                                $0.decisionID = opened.decisionID
                                $0.choice = choice
                            })
                        }
                    }
                    return try await client.closeVote(.with {
                        $0.meetingID = meeting
                        $0.decisionID = opened.decisionID
                    })
                }
                return (
                    try await vote("Counselling rooms in every school by June", [
                        "health": .yes, "education": .yes, "civil-affairs": .abstain,
                    ]),
                    try await vote("Close the hotline at night", ["health": .no, "education": .no, "civil-affairs": .yes]))
            }
            #expect(adopted.status == .adopted)
            #expect(rejected.status == .rejected)

            let due = Date().addingTimeInterval(30 * 86_400)
            let task = try await server.tasks(coordinator) { client in
                try await client.createTask(TaskFixtures.fromDecision(
                    try #require(UUID(uuidString: adopted.decisionID)), lead: "education", cooperating: ["civil-affairs"],
                    due: due))
            }
            #expect(task.decisionID == adopted.decisionID)
            #expect(task.leadDepartment == "education")
            #expect(task.cooperatingDepartments == ["civil-affairs"])
            #expect(task.jurisdictionCode == "demo-county")
            let assigned = try await server.allNotices(try server.system("civil-affairs"), kind: "task.assigned")
            #expect(assigned.map(\.subject) == ["task/\(task.taskID)"])

            let refused = await #expect(throws: RPCError.self) {
                _ = try await server.tasks(coordinator) { client in
                    try await client.createTask(TaskFixtures.fromDecision(
                        try #require(UUID(uuidString: rejected.decisionID)), due: due))
                }
            }
            #expect(refused?.code == .failedPrecondition)
        }
    }
}
