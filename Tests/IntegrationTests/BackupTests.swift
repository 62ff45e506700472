import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import Testing

/// `coord backup` and `coord restore`, end to end: a deployment with plugins and records is
/// backed up with its keys, restored into another cluster, its audit chain verified with the
/// restored checkpoint key, and served with the restored pseudonym key.
@Suite("Backup and restore")
struct BackupTests {
    /// The connection flags for `settings`, its password in the environment.
    private func flags(_ settings: DatabaseSettings, database: String? = nil) -> (arguments: [String], environment: [String: String]) {
        (["--host", settings.host, "--port", String(settings.port), "--database", database ?? settings.database,
          "--user", settings.username, "--tls", "disable"],
         ["COORD_DATABASE_PASSWORD": settings.password ?? ""])
    }

    @Test("a backup restored into another cluster keeps the plugins' schemas and roles, verifies, matches pseudonyms and serves; a damaged one is refused")
    func roundTrip() async throws {
        let folder = NSTemporaryDirectory() + "coord-backup-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secrets = folder + ".env"
        defer { try? FileManager.default.removeItem(atPath: secrets) }
        try """
            # the server's secrets
            COORD_DATABASE_PASSWORD=not-backed-up
            export COORD_PRIVACY_PSEUDONYM_KEY="\(TestServer.pseudonymKey)"
            COORD_AUDIT_CHECKPOINT_KEY=\(TestServer.auditCheckpointKey)
            """.write(toFile: secrets, atomically: true, encoding: .utf8)

        // A deployment: directory, plugins, records, a signed head.
        let source = try await TestCluster.shared.freshDatabase()
        try await TestServer.with(configure: { $0.auditCheckpointInterval = .milliseconds(100) }, on: source) { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 60..<63 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n, risk: 1)) } }
            try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
                let database = Database(client: client, logger: TestLog.logger)
                let length = try await AuditLog.length(in: database)
                for _ in 0..<200 where try await AuditLog.checkpoints(in: database).last?.sequence != Int64(length) {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }

        let (sourceFlags, sourcePassword) = flags(source.superuser)
        let backup = try await CoordCLI.run(
            ["backup", "--out", folder, "--secrets", secrets] + sourceFlags, environment: sourcePassword)
        #expect(backup.status == 0, "\(backup.stdout)\n\(backup.stderr)")
        #expect(backup.stdout.contains("pseudonym key: included"), "\(backup.stdout)")
        #expect(backup.stdout.contains("CA: NOT included"), "\(backup.stdout)")
        let keys = try String(contentsOfFile: folder + "/keys.env", encoding: .utf8)
        #expect(!keys.contains("not-backed-up"), "only the keys are taken from the secrets file")
        let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        let manifestText = try String(contentsOfFile: folder + "/MANIFEST.json", encoding: .utf8)
        #expect(manifestText.contains("coord_plugin_education"), "\(manifestText)")

        // Refused by the runtime role, which could not read the plugins' schemas or the rows RLS hides.
        let (runtimeFlags, runtimePassword) = flags(source.runtime)
        let refused = try await CoordCLI.run(["backup", "--out", folder + "-runtime"] + runtimeFlags, environment: runtimePassword)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not a superuser"), "\(refused.stderr)")

        try await TestCluster.withDedicatedCluster { postgres, credentials in
            let target = postgres.superuserSettings(credentials)
            let (targetFlags, targetPassword) = flags(target, database: "restored")
            let restoredKeys = folder + "-restored.env"
            defer { try? FileManager.default.removeItem(atPath: restoredKeys) }
            let restore = try await CoordCLI.run(
                ["restore", folder, "--secrets-out", restoredKeys] + targetFlags, environment: targetPassword)
            #expect(restore.status == 0, "\(restore.stdout)\n\(restore.stderr)")
            #expect(restore.stdout.contains("created role coord_plugin_education"), "\(restore.stdout)")
            #expect(restore.stdout.contains("audit chain intact"), "\(restore.stdout)")
            #expect(restore.stdout.contains("signed checkpoints vouch"), "\(restore.stdout)")

            // coord audit verify, with the checkpoint key's public half, on the restored database.
            let publicKey = try AuditCheckpointKey(hex: TestServer.auditCheckpointKey).publicKey.hex
            let verify = try await CoordCLI.run(
                ["audit", "verify", "--public-key", publicKey] + targetFlags, environment: targetPassword)
            #expect(verify.status == 0, "\(verify.stdout)\n\(verify.stderr)")
            #expect(verify.stdout.contains("signed checkpoints vouch"), "\(verify.stdout)")

            // The server, with the restored pseudonym key, serves the records and finds a person by ID.
            let restored = try #require(
                try String(contentsOfFile: restoredKeys, encoding: .utf8).split(separator: "\n")
                    .first { $0.hasPrefix("COORD_PRIVACY_PSEUDONYM_KEY=") }?.split(separator: "=").last.map(String.init))
            var runtime = postgres.runtimeSettings(credentials)
            runtime.database = "restored"
            var owner = postgres.ownerSettings(credentials)
            owner.database = "restored"
            var superuser = target
            superuser.database = "restored"
            try await TestServer.with(configure: { $0.pseudonymKey = restored }, on: (runtime, owner, superuser)) { server in
                let found = try await server.sharing(try server.system("education")) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                        $0.subjectNationalID = Fixtures.nationalID(61)
                    })
                }
                #expect(found.records.count == 1)
                #expect(found.records.first?.fields.fields["student_name"]?.stringValue == "学生61")
            }

            // One changed byte, and nothing is restored.
            let dump = folder + "/roles.json"
            var data = try Data(contentsOf: URL(fileURLWithPath: dump))
            data[data.startIndex + 5] ^= 0x01
            try data.write(to: URL(fileURLWithPath: dump))
            let (againFlags, _) = flags(target, database: "restored_again")
            let damaged = try await CoordCLI.run(["restore", folder] + againFlags, environment: targetPassword)
            #expect(damaged.status != 0)
            #expect(damaged.stderr.contains("roles.json does not match"), "\(damaged.stderr)")
        }
    }
}
