import CoordinationCore
import CoordinationServer
import Foundation
import Testing

/// `ops/install`, staged under a folder: the built binaries, the hardened unit checked by
/// `systemd-analyze verify`, a configuration the server loads, the secrets and TLS folders.
@Suite("Install")
struct InstallTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a staged install holds the binaries, a unit that verifies, a configuration that loads, and keeps an operator's changes")
    func staged() async throws {
        let root = NSTemporaryDirectory() + "coord-install-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binaries = URL(fileURLWithPath: try BuiltExecutable.path("coordination-server")).deletingLastPathComponent().path
        let install = { try await CoordCLI.run(
            executable: "/bin/bash",
            [Self.repository.appendingPathComponent("ops/install").path, "--binaries", binaries, "--dest-root", root]) }

        let first = try await install()
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
            #expect(first.stdout.contains("systemd-analyze verify"), "\(first.stdout)")
        }

        let server = root + "/usr/local/bin/coordination-server"
        #expect(FileManager.default.isExecutableFile(atPath: server))
        #expect(FileManager.default.isExecutableFile(atPath: root + "/usr/local/bin/coord"))
        let version = try await CoordCLI.run(executable: server, ["--version"])
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ProductVersion.current)

        let unit = try String(contentsOfFile: root + "/etc/systemd/system/coordination-server.service", encoding: .utf8)
        #expect(unit.firstRange(of: /@[A-Z_]+@/) == nil, "every placeholder filled in")
        for line in [
            "ExecStart=/usr/local/bin/coordination-server serve --config /etc/coordination/server.json --log-format json",
            "User=coord", "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/coordination",
            "EnvironmentFile=-/etc/coordination/secrets/server.env", "KillSignal=SIGTERM", "Restart=on-failure",
        ] {
            #expect(unit.split(separator: "\n").contains(Substring(line)), "\(line)")
        }

        // The skeleton loads once the secrets are given, as the unit gives them.
        let configurationFile = root + "/etc/coordination/server.json"
        let secrets = try String(contentsOfFile: root + "/etc/coordination/secrets/server.env", encoding: .utf8)
        for variable in ["COORD_DATABASE_PASSWORD", "COORD_PRIVACY_PSEUDONYM_KEY", "COORD_AUDIT_CHECKPOINT_KEY"] {
            #expect(secrets.contains(variable))
        }
        let configuration = try await ServerConfiguration.load(
            flags: [:],
            environment: ["COORD_PRIVACY_PSEUDONYM_KEY": String(repeating: "ab", count: 32), "COORD_DATABASE_PASSWORD": "x"],
            file: configurationFile)
        #expect(configuration.listenPort == 8443)
        #expect(configuration.metricsPort == 9464)
        #expect(configuration.metricsHost == "127.0.0.1")
        #expect(configuration.logFormat == .json)
        #expect(configuration.clientCAPath == "/etc/coordination/tls/client-ca.crt")
        #expect(FileManager.default.fileExists(atPath: root + "/etc/coordination/tls"))
        #expect(FileManager.default.fileExists(atPath: root + "/var/lib/coordination"))
        let secretsMode = try FileManager.default.attributesOfItem(atPath: root + "/etc/coordination/secrets/server.env")[.posixPermissions] as? Int
        #expect(secretsMode == 0o640)

        // Run again (an upgrade): the operator's configuration is kept.
        try #"{"listen": {"port": 9443}}"#.write(toFile: configurationFile, atomically: true, encoding: .utf8)
        let second = try await install()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOfFile: configurationFile, encoding: .utf8).contains("9443"))
    }
}
