import CoordinationAPI
import CoordinationClient
import DevEnvironment
import Foundation
import GRPCCore
import Testing

/// The embedded default as a user runs it: the real executable, started, stopped with
/// SIGTERM and started again.
@Suite("Dev mode")
struct DevModeTests {
    @Test("dev mode starts from nothing, stops cleanly, and starts again with its data intact")
    func startStopStart() async throws {
        let dataDirectory = NSTemporaryDirectory() + "coord-dev-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let admin = ClientCredentials.inDirectory("\(dataDirectory)/pki", name: "admin")
        let system = ClientCredentials.inDirectory("\(dataDirectory)/pki", name: "system-womens-federation")
        let postgres = EmbeddedPostgres(directory: "\(dataDirectory)/postgres", port: 0)

        // First start: everything is created.
        let first = try ServerProcess.dev(in: dataDirectory)
        var port = try await first.waitUntilServing(credentials: admin)
        let caBefore = try String(contentsOfFile: "\(dataDirectory)/pki/ca.crt", encoding: .utf8)
        let keyMode = try FileManager.default.attributesOfItem(atPath: "\(dataDirectory)/pki/admin.key")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: admin) { client in
            let directory = Directory_DirectoryService.Client(wrapping: client)
            let seeded = try await directory.listDepartments(.init()).departments.map(\.code)
            #expect(seeded.count == DevSeed.departments.count)
            #expect(seeded.contains("womens-federation"))
            _ = try await directory.createJurisdiction(.with {
                $0.jurisdiction = .with {
                    $0.code = "demo-county.xinan.shangcun"
                    $0.nameZh = "上村"
                    $0.nameEn = "Shangcun Village"
                    $0.level = .community
                    $0.parentCode = "demo-county.xinan"
                }
            })
        }
        #expect(try await first.terminate() == 0)
        #expect(try postgres.isRunning() == false)

        // Second start: the same CA, certificates and data.
        let second = try ServerProcess.dev(in: dataDirectory)
        port = try await second.waitUntilServing(credentials: system)
        #expect(try String(contentsOfFile: "\(dataDirectory)/pki/ca.crt", encoding: .utf8) == caBefore)
        let codes = try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: system) {
            try await Directory_DirectoryService.Client(wrapping: $0).listJurisdictions(.init()).jurisdictions.map(\.code)
        }
        #expect(codes.contains("demo-county.xinan.shangcun"))
        #expect(codes.count == DevSeed.jurisdictions.count + 1)
        #expect(try await second.terminate() == 0)
        #expect(try postgres.isRunning() == false)
    }
}
