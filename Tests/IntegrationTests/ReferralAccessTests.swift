import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// Access under an active referral: granted for the linked records only, through the view the
/// record type grants, audited with the referral, gone when the referral ends — decided by the
/// policy and held again by the database.
@Suite("Referral access")
struct ReferralAccessTests {
    static let screening = "coordination.education.v1.StudentScreeningReport"
    /// The view the education plugin grants health under active-referral: everything but the answers.
    static let referralView: Set<String> = [
        "national_id", "student_name", "school_code", "grade", "screened_at", "instrument", "risk_level",
        "crisis_summary", "guardian_phone",
    ]

    @Test("the receiver reads exactly the linked record through the referral view, audited; the access ends with the referral")
    func accessFollowsTheReferral() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let health = try server.system("health")
            let linked = try await server.publishScreening(1)
            let unlinked = try await server.publishScreening(1, requestID: "screening-1-rescreen")
            #expect(linked != unlinked)

            let id = try await server.referrals(try server.system("education")) {
                try await $0.createReferral(ReferralFixtures.create(1, records: [linked]))
            }.referralID

            // Pending is open: health sees the linked record, with exactly the granted fields.
            let records = try await server.sharing(health) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(id) }).records
            }
            #expect(records.map(\.recordID) == [linked])
            #expect(Set(records.first.map { Array($0.fields.fields.keys) } ?? []) == Self.referralView)
            #expect(records.first?.withheld.map(\.field) == ["answers"])
            #expect(records.first?.fields.fields["crisis_summary"]?.stringValue == "self-harm risk disclosed to counsellor")
            // Asking for the person's records does not widen it to the unlinked one.
            let byPerson = try await server.sharing(health) {
                try await $0.query(.with {
                    $0.context = ReferralFixtures.context(id)
                    $0.subjectNationalID = Fixtures.nationalID(1)
                }).records
            }
            #expect(byPerson.map(\.recordID) == [linked])

            // The read is audited with the referral as its basis.
            let reads = try await server.auditedHistory(of: Fixtures.nationalID(1)).filter { $0.action == "record.read" && $0.callerDepartment == "health" }
            #expect(reads.count == 2)
            #expect(reads.allSatisfy { $0.legalBasis == "active-referral" && $0.purpose == "referral" && $0.detail == "referral \(id)" })
            #expect(reads.first?.recordIds == [linked])
            #expect(reads.first?.fieldsDisclosed.contains("\(Self.screening)#crisis_summary") == true)
            #expect(reads.first?.fieldsDisclosed.contains("\(Self.screening)#answers") == false)

            // Accepted is still open.
            _ = try await server.referrals(health) { try await $0.acceptReferral(.with { $0.referralID = id }) }
            #expect(try await server.sharing(health) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(id) }).records.map(\.recordID)
            } == [linked])

            // Completed: the access is gone.
            _ = try await server.referrals(health) {
                try await $0.completeReferral(.with { $0.referralID = id; $0.outcome = "assessed and discharged" })
            }
            let ended = await #expect(throws: RPCError.self) {
                try await server.sharing(health) { try await $0.query(.with { $0.context = ReferralFixtures.context(id) }) }
            }
            #expect(ended?.code == .failedPrecondition)
            #expect(ended?.message == "referral \(id) is not open (it is completed); access under active-referral ended with it")

            // Withdrawn: likewise.
            let second = try await server.referrals(try server.system("education")) {
                try await $0.createReferral(ReferralFixtures.create(1, records: [unlinked]))
            }.referralID
            #expect(try await server.sharing(health) {
                try await $0.query(.with { $0.context = ReferralFixtures.context(second) }).records.map(\.recordID)
            } == [unlinked])
            _ = try await server.referrals(try server.system("education")) {
                try await $0.withdrawReferral(.with { $0.referralID = second })
            }
            let withdrawn = await #expect(throws: RPCError.self) {
                try await server.sharing(health) { try await $0.query(.with { $0.context = ReferralFixtures.context(second) }) }
            }
            #expect(withdrawn?.code == .failedPrecondition)
            #expect(withdrawn?.message.contains("it is withdrawn") == true)
        }
    }

    @Test("denials: no referral id, an unknown referral, another department's referral")
    func denials() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let record = try await server.publishScreening(2)
            let id = try await server.referrals(try server.system("education")) {
                try await $0.createReferral(ReferralFixtures.create(2, records: [record]))
            }.referralID

            let missing = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) {
                    try await $0.query(.with { $0.context = Fixtures.context(.referral, .activeReferral) })
                }
            }
            #expect(missing?.code == .invalidArgument)
            #expect(missing?.message.hasPrefix("context.referral_id:") == true)
            let unknown = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) {
                    try await $0.query(.with { $0.context = ReferralFixtures.context(UUID().uuidString) })
                }
            }
            #expect(unknown?.code == .notFound)
            // A third department naming health's referral is refused as if it did not exist.
            for third in ["civil-affairs", "public-security"] {
                let error = await #expect(throws: RPCError.self, "\(third)") {
                    try await server.sharing(try server.person(.officer, of: third)) {
                        try await $0.query(.with { $0.context = ReferralFixtures.context(id) })
                    }
                }
                #expect(error?.code == .notFound, "\(third)")
                #expect(error?.message == "no referral '\(id)' to \(third) exists", "\(third)")
            }
            // The referral basis never reaches records under another basis either.
            #expect(try await server.sharing(try server.system("health")) {
                try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) }).records
            }.filter { $0.recordType == Self.screening }.isEmpty)
        }
    }

    @Test("the database alone holds the wall: under active-referral only rows linked to an open referral to the department")
    func databaseWall() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let linked = try await server.publishScreening(3)
            _ = try await server.publishScreening(3, requestID: "screening-3-rescreen")
            _ = try await server.publishScreening(4)
            let id = try await server.referrals(try server.system("education")) {
                try await $0.createReferral(ReferralFixtures.create(3, records: [linked]))
            }.referralID

            try await EmbeddedPostgres.withClient(server.runtime, logger: TestLog.logger) { client in
                func ids(department: String, referral: String, basis: String = "active-referral") async throws -> [String] {
                    try await client.withTransaction(logger: TestLog.logger) { connection in
                        try await connection.query(
                            """
                            SELECT set_config('coord.department', \(department), true),
                                   set_config('coord.purpose', 'referral', true),
                                   set_config('coord.legal_basis', \(basis), true),
                                   set_config('coord.referral', \(referral), true)
                            """, logger: TestLog.logger)
                        // No WHERE clause at all: only the policy decides.
                        let rows = try await connection.query("SELECT id::text FROM coord.record ORDER BY seq", logger: TestLog.logger)
                        var found: [String] = []
                        for try await id in rows.decode(String.self) { found.append(id) }
                        return found
                    }
                }
                #expect(try await ids(department: "health", referral: id) == [linked])
                #expect(try await ids(department: "health", referral: "").isEmpty)
                #expect(try await ids(department: "health", referral: UUID().uuidString.lowercased()).isEmpty)
                #expect(try await ids(department: "civil-affairs", referral: id).isEmpty)
                // The referral setting opens nothing under another basis.
                #expect(try await ids(department: "health", referral: id, basis: "statutory-duty").isEmpty)
                // The publisher still sees its own rows whatever it states.
                #expect(try await ids(department: "education", referral: "").count == 3)

                // Once the referral is closed, the database shows nothing even with its id.
                _ = try await server.referrals(try server.system("education")) {
                    try await $0.withdrawReferral(.with { $0.referralID = id })
                }
                #expect(try await ids(department: "health", referral: id).isEmpty)
                // Linked records are history: the runtime role cannot relink them.
                let relink = await #expect(throws: (any Error).self) {
                    try await client.withTransaction(logger: TestLog.logger) { connection in
                        try await connection.query("DELETE FROM coord.referral_record", logger: TestLog.logger)
                    }
                }
                #expect(String(reflecting: relink).contains("permission denied"))
            }
        }
    }
}
