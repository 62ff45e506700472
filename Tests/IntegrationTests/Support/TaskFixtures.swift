import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import PostgresNIO
import SwiftProtobuf

/// Task calls, a meeting decision to create tasks from, and notice look-ups.
extension TestServer {
    /// Task and work-plan calls as `credentials`.
    func tasks<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Tasks_TaskService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Tasks_TaskService.Client(wrapping: $0)) }
    }

    /// Inserts, as the schema owner, a closed joint meeting of the demo county with one
    /// agenda item and one decision in `status` (`adopted` by default); returns the decision's id.
    func seedDecision(status: String = "adopted") async throws -> UUID {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            var meeting: UUID?
            for try await id in try await client.query(
                """
                INSERT INTO coord.meeting (kind, title, jurisdiction_code, starts_at, convener, convener_department, quorum,
                                           status, created_at)
                VALUES ('joint', '联席会议', 'demo-county', now(), 'coordinator-health', 'health', 1, 'closed', now())
                RETURNING id
                """, logger: TestLog.logger
            ).decode(UUID.self) { meeting = id }
            guard let meetingID = meeting else { throw TestFailure("the meeting was not inserted") }
            try await client.query(
                "INSERT INTO coord.meeting_invitee (meeting_id, department_code, is_lead) VALUES (\(meetingID), 'health', true)",
                logger: TestLog.logger)
            try await client.query(
                """
                INSERT INTO coord.meeting_agenda_item (meeting_id, position, title, presenting_department)
                VALUES (\(meetingID), 1, 'Counselling rooms in schools', 'health')
                """, logger: TestLog.logger)
            var decision: UUID?
            for try await id in try await client.query(
                """
                INSERT INTO coord.meeting_decision (meeting_id, agenda_item, method, text, status, recorded_by, opened_at, decided_at)
                VALUES (\(meetingID), 1, 'consensus', 'Every school sets up a counselling room', \(status),
                        'coordinator-health', now(), now())
                RETURNING id
                """, logger: TestLog.logger
            ).decode(UUID.self) { decision = id }
            guard let decision else { throw TestFailure("the decision was not inserted") }
            return decision
        }
    }

    /// The audit entries about task `id`, oldest first, read as the schema owner.
    func auditEvents(aboutTask id: String) async throws -> [AuditEvent] {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            var events: [AuditEvent] = []
            for try await body in try await client.query(
                "SELECT body FROM coord.audit_entry WHERE body LIKE \("%task " + id + "%") ORDER BY seq",
                logger: TestLog.logger
            ).decode(String.self) {
                events.append(try JSONDecoder().decode(AuditEvent.self, from: Data(body.utf8)))
            }
            return events
        }
    }

    /// The bodies of the audit entries containing `text`, oldest first, read as the schema owner.
    func auditBodies(containing text: String) async throws -> [String] {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            var bodies: [String] = []
            for try await body in try await client.query(
                "SELECT body FROM coord.audit_entry WHERE strpos(body, \(text)) > 0 ORDER BY seq", logger: TestLog.logger
            ).decode(String.self) {
                bodies.append(body)
            }
            return bodies
        }
    }

    /// The notices of `kind` addressed to `department` (read as its system).
    func notices(to department: String, kind: String) async throws -> [Notices_Notice] {
        try await withClient(try system(department)) {
            try await Notices_NoticeService.Client(wrapping: $0).listNotices(.with {
                $0.kind = kind
                $0.pageSize = 500
            }).notices
        }
    }

    /// Polls until `department` has at least `count` notices of `kind` (at most `timeout`).
    func waitForNotices(
        to department: String, kind: String, count: Int = 1, timeout: Duration = .seconds(10)
    ) async throws -> [Notices_Notice] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = try await notices(to: department, kind: kind)
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Builders for task requests.
enum TaskFixtures {
    static func fromDecision(
        _ decision: UUID, title: String = "Counselling rooms in every school", lead: String = "education",
        cooperating: [String] = ["civil-affairs", "unions"], due: Date
    ) -> Tasks_CreateTaskRequest {
        .with {
            $0.title = title
            $0.leadDepartment = lead
            $0.cooperatingDepartments = cooperating
            $0.dueAt = Google_Protobuf_Timestamp(date: due)
            $0.priority = .high
            $0.decisionID = decision.uuidString.lowercased()
        }
    }

    static func report(_ task: String, _ status: Tasks_ProgressStatus, _ percent: Int32, note: String = "")
        -> Tasks_ReportProgressRequest
    {
        .with {
            $0.taskID = task
            $0.status = status
            $0.percent = percent
            $0.note = note
        }
    }
}
