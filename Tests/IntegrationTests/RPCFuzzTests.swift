import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import Synchronization
import Testing

/// Every RPC, as department systems, an officer, a coordinator and an administrator would call
/// it and as an attacker with a valid certificate might: the server answers each call with a
/// status a client can act on, never crashes, and its memory stays bounded.
///
/// CI runs a quick pass; `COORD_FUZZ_CALLS=5000 swift test --filter RPCFuzz` runs a long one
/// (`COORD_FUZZ_SEED` replays a run).
@Suite("Fuzzing every RPC")
struct RPCFuzzTests {
    @Test("random and boundary requests to every RPC get a status a client can act on; the server stays up and bounded")
    func everyRPC() async throws {
        let dataDirectory = NSTemporaryDirectory() + "coord-fuzz-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let server = try ServerProcess.dev(in: dataDirectory)
        defer { _ = try? DevEnvironment(root: dataDirectory, postgresPort: 0).postgres.stop() }
        let pki = "\(dataDirectory)/pki"
        let admin = ClientCredentials.inDirectory(pki, name: "admin")
        let port = try await server.waitUntilServing(credentials: admin)
        // Administrators and coordinators call more RPCs than a department system may: weighted.
        let roles = [
            "admin", "admin", "coordinator", "coordinator", "coordinator", "officer-education", "system-education", "system-health", "system-public-security",
            "system-civil-affairs", "system-unions", "system-womens-federation", "system-justice",
        ].map { (name: $0, credentials: ClientCredentials.inDirectory(pki, name: $0)) }

        let settings = RPCFuzzer.Settings.fromEnvironment(quick: 120)
        let fuzzer = RPCFuzzer(schema: .api, settings: settings, port: port, roles: roles)
        let memory = MemorySamples()
        let started = ContinuousClock.now
        let died: @Sendable () -> TestFailure = { TestFailure("the server died during the run:\n\(server.lastWords)") }
        let report = try await fuzzer.run { tenth in
            guard server.isRunning, let bytes = try? server.residentBytes() else { throw died() }
            memory.note(tenth: tenth, bytes: bytes)
        } check: {
            guard server.isRunning else { throw died() }
        }
        let elapsed = ContinuousClock.now - started
        print("""
            Fuzzed \(fuzzer.schema.methods.count) RPCs, \(report.calls) calls (\(settings.callsPerRPC) per RPC, seed \(settings.seed)) \
            in \(elapsed); server memory by tenth of the run (MiB): \(memory.summary)
            \(report.table)
            """)

        #expect(server.isRunning, "the server died:\n\(server.lastWords)")
        #expect(report.findings.isEmpty, "\(report.findings.count) calls ended with a server fault:\n\(report.findings.prefix(20).map(\.description).joined(separator: "\n"))")
        #expect(report.calls == fuzzer.schema.methods.count * settings.callsPerRPC)
        let status = try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: admin) {
            try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init(), options: .quick).status
        }
        #expect(status == .serving)
        // Memory settles: the second half of the run adds little to what the first half reached.
        let (half, last) = (memory.at(tenth: 5), memory.at(tenth: 10))
        if let half, let last {
            #expect(last <= half + max(half / 2, 64 << 20), "memory grew from \(half >> 20) MiB to \(last >> 20) MiB in the second half")
        }
        #expect(try await server.terminate() == 0)
    }
}

/// The server's resident memory at each tenth of a run.
private final class MemorySamples: Sendable {
    private let samples = Mutex<[Int: Int]>([:])

    func note(tenth: Int, bytes: Int) { samples.withLock { $0[tenth] = bytes } }

    func at(tenth: Int) -> Int? { samples.withLock { $0[tenth] } }

    var summary: String {
        samples.withLock { samples in samples.sorted { $0.key < $1.key }.map { "\($0.value >> 20)" }.joined(separator: " ") }
    }
}
