import CoordinationAPI
import CoordinationCore
import CoordinationOperations
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import Testing

/// A database made by an earlier release (v0.1.0, kept as a backup in Tests/Fixtures), restored
/// and served by this server: migrated to the current schema, its data intact, its audit chain
/// still verifying with its checkpoint key, its pseudonyms still matching with its key.
@Suite("Upgrades")
struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/backup-v0.1.0").path

    @Test("a v0.1.0 database is upgraded at start and served: records, pseudonyms, alerts, meetings and the audit chain intact")
    func fromFirstRelease() async throws {
        let manifest = try BackupRestorer.checkedManifest(of: Self.fixture)
        #expect(manifest.schemaVersion == 16)
        let keys = try BackupSecrets(environmentFile: Self.fixture + "/keys.env")
        let pseudonymKey = try #require(keys.pseudonymKey)
        let checkpointKey = try #require(keys.auditCheckpointKey)

        try await TestCluster.withDedicatedCluster { postgres, credentials in
            let databases = postgres.databases(credentials)
            let restored = try await BackupRestorer(settings: databases.superuser, logger: TestLog.logger)
                .restore(from: Self.fixture, secretsOutput: nil, certificateAuthorityOutput: nil)
            #expect(restored.verification.finding == .intact(entries: 30))

            try await TestServer.with(configure: {
                $0.pseudonymKey = pseudonymKey
                $0.auditCheckpointKey = checkpointKey
            }, on: databases) { server in
                let status = try await server.withClient(try server.pki.admin) {
                    try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init())
                }
                #expect(status.schemaVersion == status.expectedSchemaVersion)
                #expect(status.schemaVersion >= 16)

                // The records, as education published them and as health's view shows them.
                let education = try server.system("education")
                let own = try await server.sharing(education) {
                    try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) })
                }
                #expect(own.records.count == 3)
                let person = try await server.sharing(try server.system("health")) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
                        $0.subjectNationalID = "110105200701010025"
                    })
                }
                #expect(person.records.map { $0.fields.fields["student_name"]?.stringValue } == ["学生2"])

                // The alert public security raised, and the one the crisis screening opened.
                let alerts = try await server.alerts(try server.system("health")) { try await $0.listAlerts(.init()) }
                #expect(alerts.alerts.contains { $0.kind == "violence-risk" })
                let meetings = try await server.meetings(try server.pki.coordinator) { try await $0.listMeetings(.init()) }
                #expect(meetings.meetings.map(\.title) == ["Q4 joint meeting"])

                // New writes continue the numbering and the chain.
                let next = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(90, risk: 1)) }
                #expect(next.sequence == 4)
            }

            let verification = try await EmbeddedPostgres.withClient(databases.superuser, logger: TestLog.logger) { client in
                let database = Database(client: client, logger: TestLog.logger)
                return try await AuditLog.verify(in: database, with: AuditVerifier(
                    checkpoints: try await AuditLog.checkpoints(in: database),
                    publicKey: try AuditCheckpointKey(hex: checkpointKey).publicKey))
            }
            guard case .intact(let entries) = verification.finding else {
                Issue.record("the upgraded chain does not verify: \(verification.finding)")
                return
            }
            #expect(entries > 30)
        }
    }
}
