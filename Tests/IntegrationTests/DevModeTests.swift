import CoordinationAPI
import CoordinationClient
import CoordinationTesting
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

/// A server that cannot listen says so at once, naming the address and the flag to change.
@Suite("Start-up errors")
struct StartupErrorTests {
    @Test("a taken port stops dev mode at once with the address and --port named, before anything else starts")
    func takenPort() async throws {
        let listener = try TakenPort()
        defer { listener.close() }
        let dataDirectory = NSTemporaryDirectory() + "coord-taken-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let server = try ServerProcess(arguments: [
            "dev", "--data-dir", dataDirectory, "--port", "\(listener.port)", "--postgres-port", "0",
        ])
        let started = ContinuousClock.now
        while server.isRunning && ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!server.isRunning)
        #expect(server.output.contains("127.0.0.1:\(listener.port) is already in use"), "\(server.output)")
        #expect(server.output.contains("--port"))
        #expect(!server.output.contains("database"), "\(server.output)")
        #expect(!FileManager.default.fileExists(atPath: "\(dataDirectory)/postgres"))
    }
}

/// A port on 127.0.0.1 this process listens on.
private final class TakenPort: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}
