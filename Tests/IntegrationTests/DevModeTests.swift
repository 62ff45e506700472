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
        let port = try LocalPort.free()
        let postgresPort = try LocalPort.free()
        let arguments = ["dev", "--data-dir", dataDirectory, "--port", "\(port)", "--postgres-port", "\(postgresPort)",
                         "--log-level", "warning"]
        let admin = ClientCredentials.inDirectory("\(dataDirectory)/pki", name: "admin")
        let system = ClientCredentials.inDirectory("\(dataDirectory)/pki", name: "system-womens-federation")
        let postgres = EmbeddedPostgres(directory: "\(dataDirectory)/postgres", port: postgresPort)

        // First start: everything is created.
        let first = try ServerProcess(arguments: arguments)
        try await first.waitUntilServing(port: port, credentials: admin)
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
        let second = try ServerProcess(arguments: arguments)
        try await second.waitUntilServing(port: port, credentials: system)
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

/// The `coordination-server` executable, built beside the test bundle, as a child process.
final class ServerProcess: Sendable {
    private let process: Process

    init(arguments: [String]) throws {
        let executable = URL(fileURLWithPath: try BuiltExecutable.path("coordination-server"))
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Polls health until SERVING (the first start includes initdb: up to 90 s).
    func waitUntilServing(port: Int, credentials: ClientCredentials) async throws {
        for _ in 0..<450 {
            guard process.isRunning else { throw TestFailure("coordination-server exited with \(process.terminationStatus)") }
            if FileManager.default.fileExists(atPath: credentials.keyPath) {
                let status = try? await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials) {
                    try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init(), options: .quick).status
                }
                if status == .serving { return }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("coordination-server did not report SERVING")
    }

    /// Kills the process outright (SIGKILL), as a crash would, and waits for it to be gone.
    func crash() async throws {
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Sends SIGTERM and waits (up to 60 s) for the exit status.
    func terminate() async throws -> Int32 {
        process.terminate()
        for _ in 0..<300 where process.isRunning {
            try await Task.sleep(for: .milliseconds(200))
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("coordination-server did not stop within 60 s of SIGTERM")
        }
        return process.terminationStatus
    }
}
