import CoordinationClient
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import Testing

/// The CLI reaches the server by name or by IP address, and a failure to connect says why:
/// refused, or the TLS check failed.
@Suite("CLI connections")
struct ConnectionCLITests {
    @Test("coord connects by IP address as by name; a refused connection and a failed TLS check say so; server status for administrators")
    func addresses() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin
            func whoami(_ address: String, ca: String? = nil) async throws -> CoordCLI.Outcome {
                try await CoordCLI.run([
                    "whoami", "--server", address, "--cert", admin.certificatePath, "--key", admin.keyPath,
                    "--ca", ca ?? admin.caPath,
                ])
            }
            for address in ["127.0.0.1:\(server.port)", "localhost:\(server.port)"] {
                let outcome = try await whoami(address)
                #expect(outcome.status == 0, "\(address): \(outcome.stderr)")
                #expect(outcome.stdout.contains("administrator"), "\(address)")
            }

            let status = try await CoordCLI.run(["server", "status"], server: server, as: admin)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("open streams"), "\(status.stdout)")
            let schema = CoreMigrations.all.map(\.version).max() ?? 0
            #expect(status.stdout.contains("version \(ProductVersion.current), schema \(schema) (this binary: \(schema))"), "\(status.stdout)")
            let officer = try await CoordCLI.run(["server", "status"], server: server, as: try server.pki.officer)
            #expect(officer.status != 0)
            #expect(officer.stderr.contains("server.status"), "\(officer.stderr)")

            let closed = try LocalPort.free()
            let refused = try await whoami("127.0.0.1:\(closed)")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("refused"), "\(refused.stderr)")

            let otherCA = try TestPKI()
            defer { otherCA.remove() }
            let untrusted = try await whoami("127.0.0.1:\(server.port)", ca: otherCA.caPath)
            #expect(untrusted.status != 0)
            #expect(untrusted.stderr.contains("TLS check failed"), "\(untrusted.stderr)")
            #expect(untrusted.stderr.contains("--ca"), "\(untrusted.stderr)")
        }
    }

    @Test("both binaries print their version")
    func versions() async throws {
        for binary in ["coord", "coordination-server"] {
            let outcome = try await CoordCLI.run(["--version"], binary: binary)
            #expect(outcome.status == 0, "\(binary): \(outcome.stderr)")
            #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ProductVersion.current, "\(binary)")
        }
    }
}
