import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// Every write and every read leaves an entry in a hash chain that shows tampering.
@Suite("Audit trail")
struct AuditTrailTests {
    /// Publishes two screenings (below the crisis level, so no alert is raised), reads them as
    /// health, and claims one emergency.
    private func produceHistory(_ server: TestServer) async throws {
        try await server.seedDirectory()
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
            try await produceHistory(server)
            let chain = try await entries(server)
            #expect(AuditChain.verify(chain) == .intact(entries: 4))
            let events = try chain.map { try JSONDecoder().decode(AuditEvent.self, from: Data($0.body.utf8)) }
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

    @Test("a person's history says who saw their data, when and why; the lookup is audited too")
    func subjectHistory() async throws {
        try await TestServer.with { server in
            try await produceHistory(server)
            let history = try await server.withClient(try server.pki.coordinator) {
                try await Audit_AuditService.Client(wrapping: $0).subjectHistory(.with { $0.nationalID = Fixtures.nationalID(2) })
            }
            #expect(history.entries.map(\.action) == ["record.publish", "record.read", "record.read"])
            #expect(history.entries.map(\.callerDepartment) == ["education", "health", "civil-affairs"])
            #expect(history.entries[2].legalBasis == "emergency")
            let after = try await entries(server)
            #expect(after.count == 5)
            #expect(after.last?.body.contains("audit.subject-history") == true)

            let denied = await #expect(throws: RPCError.self) {
                try await server.withClient(try server.system("health")) {
                    try await Audit_AuditService.Client(wrapping: $0).subjectHistory(.with { $0.nationalID = Fixtures.nationalID(2) })
                }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.contains("audit.read") == true)
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

    @Test("an edited, removed or reordered entry is found, at the first entry affected")
    func tampering() async throws {
        try await TestServer.with { server in
            try await produceHistory(server)
            #expect(AuditChain.verify(try await entries(server)) == .intact(entries: 4))

            try await tamper(server, "UPDATE coord.audit_entry SET body = replace(body, 'risk-assessment', 'statistics') WHERE seq = 3")
            #expect(AuditChain.verify(try await entries(server)) == .broken(sequence: 3, problem: "entry 3 was changed"))
            try await tamper(server, "UPDATE coord.audit_entry SET body = replace(body, 'statistics', 'risk-assessment') WHERE seq = 3")
            #expect(AuditChain.verify(try await entries(server)) == .intact(entries: 4))

            try await tamper(server, "UPDATE coord.audit_entry SET seq = seq + 100 WHERE seq IN (2, 3)")
            try await tamper(server, "UPDATE coord.audit_entry SET seq = 3 WHERE seq = 102")
            try await tamper(server, "UPDATE coord.audit_entry SET seq = 2 WHERE seq = 103")
            guard case .broken(2, _) = AuditChain.verify(try await entries(server)) else {
                Issue.record("a reordering went unnoticed")
                return
            }

            try await tamper(server, "DELETE FROM coord.audit_entry WHERE seq = 2")
            #expect(AuditChain.verify(try await entries(server)) == .broken(sequence: 2, problem: "entry 2 is missing (removed)"))
        }
    }
}
