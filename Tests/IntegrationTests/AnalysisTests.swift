import CoordinationAPI
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// Counts across departments, rolled up the tree, small counts withheld so that no subtraction
/// gives one back.
@Suite("Analysis")
struct AnalysisTests {
    @Test("counts roll up the three-level tree; small counts and the ones that would give them away are withheld; the read is audited; only coordinators see them")
    func rollUp() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            var n = 0
            for (jurisdiction, risk, count) in [
                ("demo-county.chengguan.dongmen", Int32(3), 6), ("demo-county.chengguan.dongmen", 1, 2),
                ("demo-county.xinan.hetou", 3, 3),
            ] {
                for _ in 0..<count {
                    n += 1
                    _ = try await server.sharing(education) { [n] in
                        try await $0.publish(try Fixtures.screening(n, risk: risk, jurisdiction: jurisdiction))
                    }
                }
            }
            let cells = try await server.withClient(try server.pki.coordinator) {
                try await Analysis_AnalysisService.Client(wrapping: $0).countRecords(.with {
                    $0.period = .year
                    $0.recordType = "coordination.education.v1.StudentScreeningReport"
                }).cells
            }
            let table = Dictionary(uniqueKeysWithValues: cells.map { ("\($0.jurisdictionCode)/\($0.riskLevel)", $0.count) })
            // Xinan's 3 would be county 9 − chengguan 6, and chengguan is all dongmen: both are
            // withheld with it; the county total protects nothing and stays.
            #expect(table == [
                "demo-county/3": "9", "demo-county/1": "x",
                "demo-county.chengguan/3": "x", "demo-county.chengguan/1": "x",
                "demo-county.chengguan.dongmen/3": "x", "demo-county.chengguan.dongmen/1": "x",
                "demo-county.xinan/3": "x", "demo-county.xinan.hetou/3": "x",
            ])
            // Asking per month gives nothing more away.
            let months = try await server.withClient(try server.pki.coordinator) {
                try await Analysis_AnalysisService.Client(wrapping: $0).countRecords(.with {
                    $0.period = .month
                    $0.recordType = "coordination.education.v1.StudentScreeningReport"
                }).cells
            }
            #expect(months.filter { $0.count != "x" }.map(\.jurisdictionCode) == ["demo-county"])
            let audited = try await server.auditBodies(containing: "\"analysis.count\"")
            #expect(audited.count == 2)
            #expect(audited.allSatisfy { $0.contains("StudentScreeningReport") })
            #expect(cells.allSatisfy { $0.periodStart.hasSuffix("-01-01") })

            let denied = await #expect(throws: RPCError.self) {
                try await server.withClient(try server.system("health")) {
                    try await Analysis_AnalysisService.Client(wrapping: $0).countRecords(.init())
                }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.contains("analysis.read") == true)
        }
    }
}
