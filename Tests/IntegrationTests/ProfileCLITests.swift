import CoordinationTesting
import Foundation
import Testing

/// `coord` without `--server` and `--identity` on every command: environment variables and a
/// profile file, with flags winning; an unknown identity lists the ones there are.
@Suite("CLI profiles")
struct ProfileCLITests {
    @Test("COORD_SERVER, COORD_PKI_DIR and COORD_IDENTITY, or a profile file, stand for the flags; an unknown identity lists the known")
    func profiles() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            _ = try server.system("education")
            _ = try server.person(.coordinator, of: "health")
            let empty = NSTemporaryDirectory() + "coord-profile-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: empty) }
            // No profile of the machine's user in the way.
            let isolated = ["COORD_CONFIG": empty + "/none.json", "COORD_CERT": "", "COORD_KEY": "", "COORD_CA": ""]

            let byEnvironment = try await CoordCLI.run(["whoami"], environment: isolated.merging([
                "COORD_SERVER": "localhost:\(server.port)", "COORD_PKI_DIR": server.pki.directory, "COORD_IDENTITY": "system-education",
            ]) { $1 })
            #expect(byEnvironment.status == 0, "\(byEnvironment.stderr)")
            #expect(byEnvironment.stdout.contains("education"), "\(byEnvironment.stdout)")

            let profile = empty + "/config.json"
            try #"{"server": "localhost:\#(server.port)", "pki-dir": "\#(server.pki.directory)", "identity": "coordinator-health", "tz": "UTC"}"#
                .write(toFile: profile, atomically: true, encoding: .utf8)
            let byProfile = try await CoordCLI.run(["whoami"], environment: isolated.merging(["COORD_CONFIG": profile]) { $1 })
            #expect(byProfile.status == 0, "\(byProfile.stderr)")
            #expect(byProfile.stdout.contains("coordinator"), "\(byProfile.stdout)")
            // A flag wins over the profile.
            let flag = try await CoordCLI.run(
                ["whoami", "--identity", "system-education"], environment: isolated.merging(["COORD_CONFIG": profile]) { $1 })
            #expect(flag.stdout.contains("education") && !flag.stdout.contains("coordinator"), "\(flag.stdout)")

            let unknown = try await CoordCLI.run(
                ["whoami", "--identity", "sytem-education"], environment: isolated.merging(["COORD_CONFIG": profile]) { $1 })
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("no identity 'sytem-education'"), "\(unknown.stderr)")
            #expect(unknown.stderr.contains("system-education") && unknown.stderr.contains("coordinator-health"), "\(unknown.stderr)")
        }
    }
}
