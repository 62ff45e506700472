import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import PostgresNIO
import Testing

/// The second wall under every table holding a person's data or its traces: through the
/// server's own role, with no handler and no WHERE clause in between, each transaction sees
/// only the rows its scope admits.
@Suite("Row-level security on every personal-data table")
struct PersonalDataWallTests {
    /// A transaction's scope, as ``AccessScope`` sets it.
    struct Scope: CustomStringConvertible {
        var department = ""
        var purpose = ""
        var oversee = false
        var server = false

        static let none = Scope()
        static func party(_ department: String, purpose: String = "") -> Scope { Scope(department: department, purpose: purpose) }
        static func overseer(_ department: String) -> Scope { Scope(department: department, oversee: true) }
        static let server = Scope(server: true)

        var description: String {
            server ? "server" : department.isEmpty ? "no scope" : department + (oversee ? " (overseeing)" : "") + (purpose.isEmpty ? "" : " for \(purpose)")
        }
    }

    static let tables = [
        "referral", "referral_record", "referral_event", "alert", "alert_target", "meeting", "meeting_invitee",
        "meeting_agenda_item", "meeting_decision", "meeting_vote", "task", "task_department", "task_progress", "task_event",
        "notice", "audit_entry", "emergency_access",
    ]

    @Test("each table: nothing without a scope, nothing to a department outside, its own rows to a party, all to the server")
    func everyTable() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            // Education's crisis screening opens an alert and a referral to health; public
            // security's risk assessment an alert and a joint follow-up task with its partners;
            // health convenes a case conference with education; health makes a break-the-glass read.
            let education = try server.system("education")
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            _ = try await server.sharing(try server.system("public-security")) {
                try await $0.publish(try PublicSecurityFixtures.publish(PublicSecurityFixtures.riskAssessment(2, level: 4), "ra-2"))
            }
            _ = try await server.convenedMeeting(MeetingFixtures.create(
                .caseConference, title: "个案会商", invite: ["health", "education"], subjectNationalID: Fixtures.nationalID(1)))
            let decision = try await server.seedDecision()
            try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                try await client.query(
                    """
                    INSERT INTO coord.meeting_vote (decision_id, department_code, choice, cast_by, cast_at)
                    VALUES (\(decision), 'health', 'yes', 'coordinator-health', now())
                    """, logger: TestLog.logger)
                try await client.query(
                    """
                    INSERT INTO coord.emergency_access (audit_seq, caller_name, caller_department, justification, record_ids)
                    VALUES (1, 'officer-health', 'health', 'a person at risk of harm tonight', '{}')
                    """, logger: TestLog.logger)
                try await client.query(
                    """
                    INSERT INTO coord.task_progress (task_id, department_code, status, percent, reported_by, reported_at)
                    SELECT task_id, department_code, 'in_progress', 10, 'system-health', now()
                    FROM coord.task_department WHERE department_code = 'health'
                    """, logger: TestLog.logger)
                // Justice sits in a township, outside everything above.
                try await client.query(
                    "UPDATE coord.department SET jurisdiction_code = 'demo-county.xinan' WHERE code = 'justice'", logger: TestLog.logger)
            }
            let total = try await Self.counts(server.owner, scope: nil)
            for table in Self.tables { #expect(total[table, default: 0] > 0, "the fixture stores rows in \(table)") }

            let none = try await Self.counts(server.runtime, scope: Scope.none)
            let outsider = try await Self.counts(server.runtime, scope: .party("justice", purpose: "case-management"))
            let everything = try await Self.counts(server.runtime, scope: .server)
            for table in Self.tables {
                #expect(none[table] == 0, "\(table) without a scope")
                #expect(outsider[table] == 0, "\(table) to a department party to nothing, in another township")
                #expect(everything[table] == total[table], "\(table) to the server's own work")
            }

            // A party sees exactly its own rows.
            let educationSees = try await Self.counts(server.runtime, scope: .party("education"))
            let healthSees = try await Self.counts(server.runtime, scope: .party("health"))
            let owned = try await Self.ownerCounts(server.owner, [
                "education referrals": "SELECT count(*) FROM coord.referral WHERE 'education' IN (from_department, to_department)",
                "education alerts": "SELECT count(*) FROM coord.alert WHERE raised_by_department = 'education' OR id IN (SELECT alert_id FROM coord.alert_target WHERE department_code = 'education')",
                "health alerts": "SELECT count(*) FROM coord.alert WHERE id IN (SELECT alert_id FROM coord.alert_target WHERE department_code = 'health')",
                "health notices": "SELECT count(*) FROM coord.notice WHERE department_code = 'health'",
                "education notices": "SELECT count(*) FROM coord.notice WHERE department_code = 'education'",
                "county entries": "SELECT count(*) FROM coord.audit_entry WHERE body::jsonb ->> 'callerDepartment' IN (SELECT code FROM coord.department)",
                "health tasks": "SELECT count(*) FROM coord.task_department WHERE department_code = 'health'",
                "education meetings": "SELECT count(*) FROM coord.meeting_invitee WHERE department_code = 'education'",
                "health meetings": "SELECT count(*) FROM coord.meeting_invitee WHERE department_code = 'health'",
            ])
            #expect(educationSees["referral"] == owned["education referrals"] && owned["education referrals"] == 1)
            #expect(educationSees["alert"] == owned["education alerts"] && owned["education alerts"] == 1)
            #expect(healthSees["alert"] == owned["health alerts"] && owned["health alerts"] == 2)
            #expect(healthSees["notice"] == owned["health notices"] && educationSees["notice"] == owned["education notices"])
            #expect(healthSees["task"] == owned["health tasks"] && educationSees["task"] == 0 && educationSees["task_event"] == 0)
            #expect(educationSees["meeting"] == owned["education meetings"] && owned["education meetings"] == 1)
            #expect(healthSees["meeting"] == owned["health meetings"] && owned["health meetings"] == 2)
            #expect(educationSees["meeting_vote"] == 0 && healthSees["meeting_vote"] == 1)

            // An overseer sees every referral, alert, meeting and task, but not the records a
            // referral links; audit entries and accesses need a stated purpose or a jurisdiction.
            let overseer = try await Self.counts(server.runtime, scope: .overseer("political-legal"))
            for table in ["referral", "referral_event", "alert", "alert_target", "meeting", "meeting_invitee", "task", "task_event"] {
                #expect(overseer[table] == total[table], "\(table) to an overseer")
            }
            #expect(overseer["referral_record"] == 0)
            #expect(overseer["audit_entry"] == 0 && healthSees["audit_entry"] == 0, "no audit entry without a stated purpose")
            let healthAudits = try await Self.counts(server.runtime, scope: .party("health", purpose: "case-management"))
            #expect(healthAudits["audit_entry"] == owned["county entries"], "a county department, for a purpose, reads the county's entries")
            #expect(healthSees["emergency_access"] == 1 && outsider["emergency_access"] == 0)
        }
    }

    @Test("writes: a department cannot write for another, acknowledge for another, or post notices past the outbox")
    func writes() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            try await EmbeddedPostgres.withClient(server.runtime, logger: TestLog.logger) { client in
                func run(_ department: String, _ sql: String) async throws -> Int {
                    try await client.withTransaction(logger: TestLog.logger) { connection in
                        try await connection.query("SELECT set_config('coord.department', \(department), true)", logger: TestLog.logger)
                        var count = 0
                        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestLog.logger) { count += 1 }
                        return count
                    }
                }
                // Unions cannot refer in education's name, nor raise an alert as health.
                for forged in [
                    """
                    INSERT INTO coord.referral (from_department, to_department, subject_pseudonym, reason, urgency, consent_kind,
                                                consent_text, accept_by, created_by, created_at)
                    VALUES ('education', 'health', 'p', 'r', 'routine', 'given', 'c', now(), 'x', now())
                    """,
                    """
                    INSERT INTO coord.alert (severity, kind, summary, raised_by, raised_by_department, raised_at, acknowledge_by)
                    VALUES ('high', 'self-harm-risk', 's', 'x', 'health', now(), now())
                    """,
                ] {
                    let refused = await #expect(throws: (any Error).self) { _ = try await run("unions", forged) }
                    #expect(String(reflecting: refused).contains("row-level security"))
                }
                // Acknowledging another department's alert changes nothing; so does escalating.
                let acknowledged = try await run(
                    "unions", "UPDATE coord.alert_target SET acknowledged_at = now(), acknowledged_by = 'x' RETURNING 1")
                let withdrawn = try await run("unions", "UPDATE coord.referral SET status = 'withdrawn' RETURNING 1")
                #expect(acknowledged == 0 && withdrawn == 0)
                // Notices are posted only through the outbox function.
                let posted = await #expect(throws: (any Error).self) {
                    _ = try await run(
                        "unions",
                        "INSERT INTO coord.notice (department_code, kind, subject, title, detail, posted_at) VALUES ('health', 'k', 's', 't', 'd', now())")
                }
                #expect(String(reflecting: posted).contains("permission denied"))
                // Appending reads the chain's head past the wall, and nothing else.
                let head = try await run("unions", "SELECT seq FROM coord.audit_head() WHERE seq IS NOT NULL")
                let entries = try await run("unions", "SELECT 1 FROM coord.audit_entry")
                #expect(head == 1 && entries == 0)
            }
        }
    }

    /// Rows per table under `scope` (`nil`: as the connection's role sees them, the owner past the wall).
    static func counts(_ configuration: DatabaseSettings, scope: Scope?) async throws -> [String: Int64] {
        try await EmbeddedPostgres.withClient(configuration, logger: TestLog.logger) { client in
            try await client.withTransaction(logger: TestLog.logger) { connection in
                if let scope {
                    try await connection.query(
                        """
                        SELECT set_config('coord.department', \(scope.department), true),
                               set_config('coord.purpose', \(scope.purpose), true),
                               set_config('coord.oversee', \(scope.oversee ? "on" : ""), true),
                               set_config('coord.server', \(scope.server ? "on" : ""), true)
                        """, logger: TestLog.logger)
                }
                var counts: [String: Int64] = [:]
                for table in tables {
                    // No WHERE clause at all: only the policy decides.
                    let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM coord.\(table)"), logger: TestLog.logger)
                    for try await count in rows.decode(Int64.self) { counts[table] = count }
                }
                return counts
            }
        }
    }

    /// Named counts read as the owner.
    static func ownerCounts(_ owner: DatabaseSettings, _ queries: [String: String]) async throws -> [String: Int64] {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            var counts: [String: Int64] = [:]
            for (name, sql) in queries {
                for try await count in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestLog.logger).decode(Int64.self) {
                    counts[name] = count
                }
            }
            return counts
        }
    }
}
