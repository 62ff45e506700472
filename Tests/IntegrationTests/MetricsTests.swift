import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import CoordinationTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRPCCore
import Testing

/// The Prometheus endpoint: plain HTTP on its own port, calls by RPC and status, latency, open
/// streams, the connection pool, the ledger writer, the deadline backlog and the audit chain.
@Suite("Metrics")
struct MetricsTests {
    private func get(_ path: String, port: Int) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("a scrape shows calls by RPC and status, their latency, and open streams; other paths are 404")
    func scrape() async throws {
        try await TestServer.with(configure: { $0.metricsPort = 0 }) { server in
            try await server.seedDirectory(installingPlugins: false)
            let port = try #require(server.metricsPort)
            let officer = try server.pki.officer
            for _ in 0..<2 {
                _ = try await server.withClient(officer) { try await Directory_DirectoryService.Client(wrapping: $0).listDepartments(.init()) }
            }
            let denied = await #expect(throws: RPCError.self) {
                try await server.withClient(officer) { try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()) }
            }
            #expect(denied?.code == .permissionDenied)

            let (status, text) = try await get("/metrics", port: port)
            #expect(status == 200)
            #expect(text.contains(#"coord_rpc_calls_total{rpc="coordination.directory.v1.DirectoryService/ListDepartments",code="ok"} 2"#), "\(text)")
            #expect(text.contains(#"coord_rpc_calls_total{rpc="coordination.admin.v1.ServerService/GetServerStatus",code="#), "\(text)")
            #expect(!text.contains(#"GetServerStatus",code="ok""#), "\(text)")
            #expect(text.contains(#"coord_rpc_duration_seconds_count{rpc="coordination.directory.v1.DirectoryService/ListDepartments"} 2"#), "\(text)")
            #expect(try await get("/", port: port).status == 404)
        }
    }

    /// The value of the sample `series` (name and labels, as printed) in `text`.
    private func sample(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test("a scrape shows the pool's use, the ledger's commits, alerts past their deadline, and the audit chain and its last signature")
    func operations() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestServer.with(configure: {
            $0.metricsPort = 0
            $0.clock = clock
            $0.auditCheckpointInterval = .milliseconds(100)
        }) { server in
            try await server.seedDirectory()
            let port = try #require(server.metricsPort)
            _ = try await server.raiseAlert(
                as: try server.system("public-security"), severity: .critical, targets: ["education", "civil-affairs"])
            let education = try server.system("education")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 1...3 {
                    group.addTask { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n, risk: 1)) } }
                }
                try await group.waitForAll()
            }
            // Past the critical alert's 15 minutes, with both targets silent; the head signed since.
            clock.advance(by: 16 * 60)
            let length = try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
                let database = Database(client: client, logger: TestLog.logger)
                let length = try await AuditLog.length(in: database)
                for _ in 0..<200 {
                    if try await AuditLog.checkpoints(in: database).last?.sequence == Int64(length) { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return length
            }

            let (status, text) = try await get("/metrics", port: port)
            #expect(status == 200)
            #expect(sample(#"coord_db_connections_max{pool="runtime"}"#, in: text) == 16, "\(text)")
            #expect((sample(#"coord_db_connection_wait_seconds_count{pool="runtime"}"#, in: text) ?? 0) > 0, "\(text)")
            #expect(sample(#"coord_db_connections_in_use{pool="runtime"}"#, in: text) != nil, "\(text)")
            // Three publications and the alert's entries, in one commit or more.
            #expect((sample("coord_ledger_commit_requests_sum", in: text) ?? 0) >= 3, "\(text)")
            #expect((sample("coord_ledger_commit_requests_count", in: text) ?? 0) >= 1, "\(text)")
            #expect(sample("coord_unacknowledged_alert_targets", in: text) == 2, "\(text)")
            #expect(sample("coord_overdue_tasks", in: text) == 0, "\(text)")
            #expect(sample("coord_overdue_referrals", in: text) == 0, "\(text)")
            #expect((sample("coord_audit_chain_length", in: text) ?? 0) >= Double(length), "\(text)")
            let age = try #require(sample("coord_audit_checkpoint_age_seconds", in: text), "\(text)")
            #expect(age >= 0 && age < 60)
        }
    }
}
