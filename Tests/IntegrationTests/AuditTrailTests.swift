import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// Every write and every read leaves an entry in a hash chain that shows tampering.
@Suite("Audit trail")
struct AuditTrailTests {
    /// Installs the education plugin, publishes two screenings (below the crisis level, so no
    /// alert is raised), reads them as health, and claims one emergency. Returns how many
    /// entries the install left (the plugin and its indicators) before the publishing began.
    @discardableResult
    private func produceHistory(_ server: TestServer) async throws -> Int {
        try await server.seedDirectory(installingPlugins: false)
        try await server.installPlugins(["education"])
        let base = try await entries(server).count
        let education = try server.system("education")
        for n in 1...2 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n, risk: 2)) } }
        _ = try await server.sharing(try server.system("health")) {
            try await $0.query(.with { $0.context = Fixtures.context(.riskAssessment, .statutoryDuty) })
        }
        _ = try await server.sharing(try server.person(.officer, of: "civil-affairs")) {
            try await $0.query(.with {
                $0.context = Fixtures.context(.emergencyResponse, .emergency, justification: "child alone at home, guardian unreachable")
                $0.subjectNationalID = Fixtures.nationalID(2)
            })
        }
        return base
    }

    private func entries(_ server: TestServer) async throws -> [AuditChain.Entry] {
        try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
            try await AuditLog.entries(in: Database(client: client, logger: TestLog.logger))
        }
    }

    private func tamper(_ server: TestServer, _ sql: String) async throws {
        try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }

    @Test("writes and reads are audited with purpose, basis and the fields disclosed")
    func entriesWritten() async throws {
        try await TestServer.with { server in
            let base = try await produceHistory(server)
            let chain = try await entries(server)
            #expect(AuditChain.verify(chain) == .intact(entries: base + 4))
            let all = try chain.map { try JSONDecoder().decode(AuditEvent.self, from: Data($0.body.utf8)) }
            #expect(all.prefix(base).map(\.action).contains("plugin.install"))
            let events = Array(all.dropFirst(base))
            #expect(events.map(\.action) == ["record.publish", "record.publish", "record.read", "record.read"])
            let healthRead = events[2]
            #expect(healthRead.callerDepartment == "health")
            #expect(healthRead.purpose == "risk-assessment")
            #expect(healthRead.legalBasis == "statutory-duty")
            #expect(healthRead.recordIDs.count == 2)
            #expect(healthRead.fieldsDisclosed.contains("coordination.education.v1.StudentScreeningReport#risk_level"))
            #expect(!healthRead.fieldsDisclosed.contains { $0.hasSuffix("#answers") || $0.hasSuffix("#guardian_phone") })
            #expect(events[3].detail == "child alone at home, guardian unreachable")
        }
    }

    private func history(
        _ server: TestServer, as credentials: ClientCredentials,
        _ context: Sharing_ReadContext = Fixtures.context(.riskAssessment, .statutoryDuty)
    ) async throws -> [Audit_AuditRecord] {
        try await server.withClient(credentials) {
            try await Audit_AuditService.Client(wrapping: $0).subjectHistory(.with {
                $0.nationalID = Fixtures.nationalID(2)
                $0.context = context
            }).entries
        }
    }

    @Test("a person's history: own department's entries whole, others' without names, records or free text; the lookup audited with its purpose")
    func subjectHistory() async throws {
        try await TestServer.with { server in
            let base = try await produceHistory(server)
            let screening = "coordination.education.v1.StudentScreeningReport"
            let coordinator = try server.pki.coordinator  // health
            let shown = try await history(server, as: coordinator)
            #expect(shown.map(\.action) == ["record.publish", "record.read", "record.read"])
            #expect(shown.map(\.callerDepartment) == ["education", "health", "civil-affairs"])
            #expect(shown.allSatisfy { $0.detail.isEmpty })
            #expect(shown.map(\.recordTypes) == [[screening], [screening], [screening]])
            // Another department's entries: department, time, action, purpose, basis, record types only.
            for other in [shown[0], shown[2]] {
                #expect(other.callerName.isEmpty && other.recordIds.isEmpty && other.fieldsDisclosed.isEmpty)
            }
            #expect(shown[2].purpose == "emergency-response" && shown[2].legalBasis == "emergency")
            // Its own department's: who, which records, which fields.
            #expect(shown[1].callerName == "system-health" && shown[1].recordIds.count == 2)
            #expect(shown[1].fieldsDisclosed.contains("\(screening)#risk_level"))
            let lookup = try #require(try await entries(server).last)
            let audited = try JSONDecoder().decode(AuditEvent.self, from: Data(lookup.body.utf8))
            #expect(audited.action == "audit.subject-history")
            #expect(audited.purpose == "risk-assessment" && audited.legalBasis == "statutory-duty")
            #expect(try await entries(server).count == base + 5)

            // The auditor sees every entry whole, free text included.
            let auditor = try server.person(.auditor, of: "health")
            let whole = try await history(server, as: auditor)
            #expect(whole[2].detail == "child alone at home, guardian unreachable")
            #expect(whole[2].callerName == "officer-civil-affairs" && whole[2].recordIds.count == 1)

            // A department without a view of screenings learns of none: no publication, no types.
            let unions = try await history(server, as: try server.person(.coordinator, of: "unions"))
            #expect(unions.map(\.action) == ["record.read", "record.read", "audit.subject-history", "audit.subject-history"])
            #expect(unions.allSatisfy { $0.recordTypes.isEmpty && $0.recordIds.isEmpty && $0.detail.isEmpty })

            // A coordinator of a township sees nothing of the county's departments.
            _ = try await server.directory(try server.pki.admin) {
                try await $0.createDepartment(.with {
                    $0.department = .with {
                        $0.code = "chengguan-office"
                        $0.nameZh = "城关街道办"
                        $0.nameEn = "Chengguan Street Office"
                        $0.jurisdictionCode = "demo-county.chengguan"
                    }
                })
            }
            #expect(try await history(server, as: try server.person(.coordinator, of: "chengguan-office")).isEmpty)

            // Denials: no purpose or basis, a department system, an administrator.
            let noContext = await #expect(throws: RPCError.self) { try await history(server, as: coordinator, Sharing_ReadContext()) }
            #expect(noContext?.code == .invalidArgument)
            #expect(noContext?.message.contains("context.purpose") == true)
            for credentials in [try server.system("health"), try server.pki.admin] {
                let denied = await #expect(throws: RPCError.self) { try await history(server, as: credentials) }
                #expect(denied?.code == .permissionDenied)
                #expect(denied?.message.contains("audit.read") == true)
            }
        }
    }

    @Test("coord audit subject reads the ID number from standard input, never from its arguments")
    func subjectHistoryCLI() async throws {
        try await TestServer.with { server in
            try await produceHistory(server)
            let outcome = try await CoordCLI.run(
                ["audit", "subject", "--purpose", "risk-assessment", "--json"], server: server, as: try server.pki.coordinator,
                input: Fixtures.nationalID(2) + "\n")
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("civil-affairs") && !outcome.stdout.contains("guardian unreachable"))
            let positional = try await CoordCLI.run(
                ["audit", "subject", Fixtures.nationalID(2), "--purpose", "risk-assessment"], server: server,
                as: try server.pki.coordinator)
            #expect(positional.status != 0)
            let empty = try await CoordCLI.run(
                ["audit", "subject", "--purpose", "risk-assessment"], server: server, as: try server.pki.coordinator)
            #expect(empty.status != 0)
            #expect(empty.stderr.contains("no national ID number on standard input"), "\(empty.stderr)")
        }
    }

    @Test("every emergency access lands in the review queue; a coordinator closes it once")
    func emergencyReview() async throws {
        try await TestServer.with { server in
            try await produceHistory(server)
            let coordinator = try server.pki.coordinator
            let open = try await server.withClient(coordinator) {
                try await Audit_AuditService.Client(wrapping: $0).listEmergencyAccesses(.with { $0.openOnly = true }).accesses
            }
            #expect(open.count == 1)
            #expect(open.first?.callerDepartment == "civil-affairs")
            #expect(open.first?.recordIds.count == 1)
            let sequence = try #require(open.first?.auditSequence)

            let closed = try await server.withClient(coordinator) {
                try await Audit_AuditService.Client(wrapping: $0).closeEmergencyAccess(.with {
                    $0.auditSequence = sequence
                    $0.note = "justified: child placed with relatives"
                })
            }
            #expect(closed.reviewedBy == "coordinator")
            let again = await #expect(throws: RPCError.self) {
                try await server.withClient(coordinator) {
                    try await Audit_AuditService.Client(wrapping: $0).closeEmergencyAccess(.with {
                        $0.auditSequence = sequence
                        $0.note = "second look"
                    })
                }
            }
            #expect(again?.code == .failedPrecondition)
            let stillOpen = try await server.withClient(coordinator) {
                try await Audit_AuditService.Client(wrapping: $0).listEmergencyAccesses(.with { $0.openOnly = true }).accesses
            }
            #expect(stillOpen.isEmpty)
        }
    }

    @Test("the person who broke the glass cannot review it, with any certificate; a reviewer outside the department's jurisdiction neither sees nor closes it; someone else can")
    func emergencyReviewSeparation() async throws {
        try await TestServer.with { server in
            try await produceHistory(server)
            let maker = try server.person(.coordinator, of: "political-legal")
            _ = try await server.sharing(maker) {
                try await $0.query(.with {
                    $0.context = Fixtures.context(.emergencyResponse, .emergency, justification: "threat of self-harm reported tonight")
                    $0.subjectNationalID = Fixtures.nationalID(1)
                })
            }
            let open = try await server.withClient(maker) {
                try await Audit_AuditService.Client(wrapping: $0).listEmergencyAccesses(.with { $0.openOnly = true }).accesses
            }
            let sequence = try #require(open.first { $0.callerDepartment == "political-legal" }?.auditSequence)
            for attempt in 1...2 {
                if attempt == 2 {
                    // The same person with a new certificate is still the same person.
                    try server.pki.client("coordinator-political-legal", kind: .person(.coordinator), department: "political-legal")
                }
                let selfReview = await #expect(throws: RPCError.self) {
                    try await server.withClient(maker) {
                        try await Audit_AuditService.Client(wrapping: $0).closeEmergencyAccess(.with {
                            $0.auditSequence = sequence
                            $0.note = "my own access was fine"
                        })
                    }
                }
                #expect(selfReview?.code == .permissionDenied)
                #expect(selfReview?.message.contains("may not review it") == true)
            }
            // A coordinator of a township office neither sees nor closes a county department's access.
            try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                try await client.query(
                    """
                    INSERT INTO coord.department (code, name_zh, name_en, jurisdiction_code)
                    VALUES ('chengguan-office', '城关镇综治办', 'Chengguan office', 'demo-county.chengguan')
                    """, logger: TestLog.logger)
            }
            let township = try server.pki.client(
                "coordinator-chengguan", kind: .person(.coordinator), department: "chengguan-office").credentials
            let seen = try await server.withClient(township) {
                try await Audit_AuditService.Client(wrapping: $0).listEmergencyAccesses(.init()).accesses
            }
            #expect(seen.isEmpty)
            let outside = await #expect(throws: RPCError.self) {
                try await server.withClient(township) {
                    try await Audit_AuditService.Client(wrapping: $0).closeEmergencyAccess(.with {
                        $0.auditSequence = sequence
                        $0.note = "not mine to review"
                    })
                }
            }
            #expect(outside?.code == .notFound)
            let closed = try await server.withClient(try server.pki.coordinator) {
                try await Audit_AuditService.Client(wrapping: $0).closeEmergencyAccess(.with {
                    $0.auditSequence = sequence
                    $0.note = "reviewed: the threat was real"
                })
            }
            #expect(closed.reviewedBy == "coordinator")
            #expect(closed.justification == "threat of self-harm reported tonight")
        }
    }

    @Test("an edited, removed or reordered entry is found, at the first entry affected")
    func tampering() async throws {
        try await TestServer.with { server in
            // The health read is the third entry after the install's (seq base + 3).
            let base = try await produceHistory(server)
            let read = Int64(base + 3)
            #expect(AuditChain.verify(try await entries(server)) == .intact(entries: base + 4))

            try await tamper(server, "UPDATE coord.audit_entry SET body = replace(body, 'risk-assessment', 'statistics') WHERE seq = \(read)")
            #expect(AuditChain.verify(try await entries(server)) == .broken(sequence: read, problem: "entry \(read) was changed"))
            try await tamper(server, "UPDATE coord.audit_entry SET body = replace(body, 'statistics', 'risk-assessment') WHERE seq = \(read)")
            #expect(AuditChain.verify(try await entries(server)) == .intact(entries: base + 4))

            try await tamper(server, "UPDATE coord.audit_entry SET seq = seq + 100 WHERE seq IN (\(read - 1), \(read))")
            try await tamper(server, "UPDATE coord.audit_entry SET seq = \(read) WHERE seq = \(read + 99)")
            try await tamper(server, "UPDATE coord.audit_entry SET seq = \(read - 1) WHERE seq = \(read + 100)")
            guard case .broken(read - 1, _) = AuditChain.verify(try await entries(server)) else {
                Issue.record("a reordering went unnoticed")
                return
            }

            try await tamper(server, "DELETE FROM coord.audit_entry WHERE seq = \(read - 1)")
            #expect(AuditChain.verify(try await entries(server)) == .broken(
                sequence: read - 1, problem: "entry \(read - 1) is missing (removed)"))
        }
    }

    @Test("verification streams a chain longer than one cursor batch, and finds a change past the first")
    func streamedVerification() async throws {
        let databases = try await TestCluster.shared.freshDatabase()
        let caller = Caller(kind: .system, departmentCode: "education", name: "system", certificateSerial: "01")
        try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            let database = Database(client: client, logger: TestLog.logger)
            try await database.transaction(scope: .server) { connection in
                try await AuditLog.append(
                    (1...250).map { AuditEvent(caller: caller, action: "test.entry", detail: "entry \($0)") },
                    on: connection, logger: TestLog.logger)
            }
            #expect(try await AuditLog.length(in: database) == 250)
            #expect(try await AuditLog.verify(in: database, with: AuditVerifier()).finding == .intact(entries: 250))
        }
        try await EmbeddedPostgres.withClient(databases.superuser, logger: TestLog.logger) { client in
            try await client.query("UPDATE coord.audit_entry SET body = replace(body, 'entry 180', 'entry 181') WHERE seq = 180")
        }
        try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            let finding = try await AuditLog.verify(in: Database(client: client, logger: TestLog.logger), with: AuditVerifier()).finding
            #expect(finding == .broken(sequence: 180, problem: "entry 180 was changed"))
        }
    }

    @Test("a person's entry hidden from their history through the lookup column is found")
    func hollowedLookup() async throws {
        try await TestServer.with { server in
            let base = try await produceHistory(server)
            let read = Int64(base + 4)  // the emergency read of person 2
            try await tamper(server, "UPDATE coord.audit_entry SET subjects = '{}' WHERE seq = \(read)")
            guard case .broken(read, let problem) = AuditChain.verify(try await entries(server)) else {
                Issue.record("an emptied lookup column went unnoticed")
                return
            }
            #expect(problem.contains("lookup column"))
            let history = try await server.auditedHistory(of: Fixtures.nationalID(2))
            #expect(!history.contains { $0.sequence == read })  // hidden indeed, and found by verification
        }
    }

    @Test("signed checkpoints find the newest entries removed and a chain rewritten whole, also once the table is emptied")
    func checkpoints() async throws {
        try await TestServer.with(configure: { $0.auditCheckpointInterval = .milliseconds(200) }) { server in
            try await produceHistory(server)
            let key = try AuditCheckpointKey(hex: TestServer.auditCheckpointKey).publicKey
            var stored: [AuditCheckpoint] = []
            // One checkpoint within the history and one at its end, so that a rewrite of the
            // history before the newest two entries is caught by the first.
            func waitForCheckpoint(at sequence: Int64) async throws {
                for _ in 0..<100 where stored.last?.sequence != sequence {
                    try await Task.sleep(for: .milliseconds(100))
                    stored = try await checkpoints(server)
                }
            }
            try await waitForCheckpoint(at: try #require(try await entries(server).last?.sequence))
            for n in 3...4 {
                _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(n, risk: 2)) }
            }
            let chain = try await entries(server)
            let last = try #require(chain.last?.sequence)
            try await waitForCheckpoint(at: last)
            #expect(stored.last?.sequence == last)
            #expect(AuditChain.verify(chain, checkpoints: stored, publicKey: key).coveredThrough == last)
            let exported = stored  // kept outside the database
            let exportFile = NSTemporaryDirectory() + "coord-checkpoints-\(UUID().uuidString).json"
            defer { try? FileManager.default.removeItem(atPath: exportFile) }
            let database = [
                "--host", server.superuser.host, "--port", "\(server.superuser.port)", "--database", server.superuser.database,
                "--user", server.superuser.username, "--tls", "disable",
            ]
            let password = ["COORD_DATABASE_PASSWORD": server.superuser.password ?? ""]
            let export = try await CoordCLI.run(
                ["audit", "export-checkpoints", "--public-key", key.hex, "--out", exportFile] + database, environment: password)
            #expect(export.status == 0, "\(export.stderr)")
            let verified = try await CoordCLI.run(["audit", "verify", "--public-key", key.hex] + database, environment: password)
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("vouch for entries 1 to \(last)"), "\(verified.stdout)")
            let otherKey = try AuditCheckpointKey(hex: String(repeating: "7e", count: 32)).publicKey
            guard case .broken = AuditChain.verify(chain, checkpoints: stored, publicKey: otherKey).finding else {
                Issue.record("a checkpoint signed by another key was accepted")
                return
            }

            // The newest two entries removed: the chain alone looks intact, the checkpoint does not.
            try await tamper(server, "DELETE FROM coord.audit_checkpoint")
            try await tamper(server, "DELETE FROM coord.emergency_access WHERE audit_seq > \(last - 2)")
            try await tamper(server, "DELETE FROM coord.audit_entry WHERE seq > \(last - 2)")
            let truncated = try await entries(server)
            #expect(AuditChain.verify(truncated) == .intact(entries: Int(last) - 2))
            let found = AuditChain.verify(truncated, checkpoints: exported, publicKey: key).finding
            guard case .broken(last - 1, let problem) = found else {
                Issue.record("removing the newest entries went unnoticed: \(found)")
                return
            }
            #expect(problem.contains("newest entries were removed"))
            let cli = try await CoordCLI.run(["audit", "verify", "--checkpoints", exportFile] + database, environment: password)
            #expect(cli.status == 1)
            #expect(cli.stdout.contains("audit chain broken at entry \(last - 1)"), "\(cli.stdout)")

            // Rewritten whole from the genesis, every hash recomputed: only the signature tells.
            var previous: AuditChain.Entry?
            for entry in truncated {
                var event = try JSONDecoder().decode(AuditEvent.self, from: Data(entry.body.utf8))
                event.detail = event.detail == nil ? nil : "nothing to see"
                let forged = AuditChain.next(after: previous, event: event)
                try await tamper(server, """
                    UPDATE coord.audit_entry SET body = '\(forged.body.replacingOccurrences(of: "'", with: "''"))',
                        previous_hash = '\(forged.previousHash)', hash = '\(forged.hash)' WHERE seq = \(forged.sequence)
                    """)
                previous = forged
            }
            let rewritten = try await entries(server)
            #expect(AuditChain.verify(rewritten) == .intact(entries: Int(last) - 2))
            let earlier = exported.filter { $0.sequence <= last - 2 }
            guard case .broken(_, let rewrite) = AuditChain.verify(rewritten, checkpoints: earlier, publicKey: key).finding else {
                Issue.record("a rewritten chain went unnoticed")
                return
            }
            #expect(rewrite.contains("rewritten"))
        }
    }

    private func checkpoints(_ server: TestServer) async throws -> [AuditCheckpoint] {
        try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
            try await AuditLog.checkpoints(in: Database(client: client, logger: TestLog.logger))
        }
    }
}
