import CoordinationAPI
import CoordinationTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRPCCore
import Testing

/// The Prometheus endpoint: plain HTTP on its own port, calls by RPC and status, latency, open streams.
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
}
