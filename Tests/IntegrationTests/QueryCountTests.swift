import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import PostgresNIO
import Testing

/// Lists and evaluations load in a bounded number of statements, whatever they hold: counted
/// by PostgreSQL itself (pg_stat_statements) while the real server answers.
@Suite("Statements per request")
struct QueryCountTests {
    @Test("listing 12 meetings takes the same few statements as listing one")
    func meetings() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            for n in 1...12 {
                _ = try await server.createMeeting(MeetingFixtures.create(title: "联席会议 \(n)", invite: ["health", "education"]))
            }
            let statements = try await Self.statements(on: server, touching: "coord\\.meeting") {
                let listed = try await server.meetings(coordinator) { try await $0.listMeetings(.init()) }.meetings
                #expect(listed.count == 12)
                #expect(listed.allSatisfy { $0.invitees.count == 2 })
            }
            // The ids, then the meetings, invitees, agenda, decisions and votes: one each.
            #expect((2...6).contains(statements), "\(statements) statements read meeting tables")
        }
    }

    @Test("an evaluation of every department reads indicator reports once")
    func evaluation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.person(.coordinator, of: "health")
            let indicators = try await server.indicators(coordinator) { try await $0.listIndicators(.init()) }.indicators
            #expect(indicators.count >= 3, "the plugins define several indicators")
            let statements = try await Self.statements(on: server, touching: "coord\\.indicator_report") {
                _ = try await server.evaluation(coordinator) { try await $0.evaluate(.with { $0.year = 2025 }) }
            }
            #expect(statements == 1)
        }
    }

    /// How many statements whose text matches `pattern` the server ran in its database while
    /// `body` ran.
    static func statements(
        on server: TestServer, touching pattern: String, _ body: () async throws -> Void
    ) async throws -> Int64 {
        func count(reset: Bool) async throws -> Int64 {
            try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
                try await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", logger: TestLog.logger)
                if reset {
                    // This database's counts only: other tests count theirs at the same time.
                    try await client.query(
                        "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)",
                        logger: TestLog.logger)
                }
                let rows = try await client.query(
                    """
                    SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query ~ \(pattern)
                      AND query !~ 'pg_stat_statements'
                    """, logger: TestLog.logger)
                for try await calls in rows.decode(Int64.self) { return calls }
                return 0
            }
        }
        _ = try await count(reset: true)
        try await body()
        return try await count(reset: false)
    }
}
