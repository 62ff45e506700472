import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import PostgresNIO
import Testing

/// Listings that grow are paged: pages of two, followed by their cursors, give exactly the
/// one long page, in the same order; a cursor of another listing is refused.
@Suite("Paged listings")
struct PagingTests {
    @Test("audit history, the emergency review queue, revocations, work plans, referrals, alerts, tasks and meetings page by cursor")
    func everyListing() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 1...3 {
                _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, requestID: "screening-\(n)")) }
            }
            try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                // Revocations, two at the same instant; work plans, two titled alike across years.
                for n in 1...5 {
                    try await client.query(
                        """
                        INSERT INTO coord.revoked_certificate (serial, reason, revoked_by, revoked_at)
                        VALUES (\("a\(n)"), 'key lost', 'admin', TIMESTAMPTZ '2026-11-01 08:00:00+00' + make_interval(hours => \(Int32(min(n, 4)))))
                        """, logger: TestLog.logger)
                    try await client.query(
                        """
                        INSERT INTO coord.work_plan (title, jurisdiction_code, year, created_by, created_at)
                        VALUES (\(n <= 2 ? "年度工作方案" : "方案 \(n)"), 'demo-county', \(Int32(2024 + n % 3)), 'coordinator-health', now())
                        """, logger: TestLog.logger)
                    // Break-the-glass accesses, every other one reviewed.
                    try await client.query(
                        """
                        INSERT INTO coord.emergency_access (audit_seq, caller_name, caller_department, justification, record_ids,
                                                            reviewed_by, reviewed_at, review_note)
                        VALUES (\(Int64(n)), 'officer-health', 'health', 'a person at risk tonight', '{}',
                                \(n % 2 == 0 ? "reviewer" : nil), \(n % 2 == 0 ? Date() : nil), \(n % 2 == 0 ? "justified" : nil))
                        """, logger: TestLog.logger)
                }
            }
            let coordinator = try server.person(.coordinator, of: "health")

            func audit<Item: Sendable>(
                _ page: @escaping @Sendable (Audit_AuditService.Client<HTTP2ClientTransport.Posix>, Int32, String) async throws -> ([Item], String)
            ) async throws -> (whole: [Item], paged: [Item], pages: Int) {
                try await Self.compare { size, cursor in
                    try await server.withClient(coordinator) { try await page(Audit_AuditService.Client(wrapping: $0), size, cursor) }
                }
            }
            let history = try await audit { client, size, cursor in
                let page = try await client.subjectHistory(.with {
                    $0.nationalID = Fixtures.nationalID(1)
                    $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
                    $0.pageSize = size
                    $0.cursor = cursor
                })
                return (page.entries.map(\.sequence), page.nextCursor)
            }
            // Each lookup is audited about the person, so the history grows as it is read: the pages
            // hold the long page's entries, then the lookups made since.
            #expect(history.whole.count >= 3 && history.pages > 1, "\(history)")
            #expect(Array(history.paged.prefix(history.whole.count)) == history.whole)
            #expect(history.paged == history.paged.sorted() && Set(history.paged).count == history.paged.count)

            let queue = try await audit { client, size, cursor in
                let page = try await client.listEmergencyAccesses(.with {
                    $0.pageSize = size
                    $0.cursor = cursor
                })
                return (page.accesses.map { "\($0.auditSequence) \($0.reviewedBy.isEmpty ? "open" : "reviewed")" }, page.nextCursor)
            }
            #expect(queue.whole == ["5 open", "3 open", "1 open", "4 reviewed", "2 reviewed"])
            #expect(queue.paged == queue.whole && queue.pages == 3)

            let revoked = try await Self.compare { size, cursor in
                try await server.withClient(try server.pki.admin) {
                    let page = try await Admin_CertificateService.Client(wrapping: $0).listRevokedCertificates(.with {
                        $0.pageSize = size
                        $0.cursor = cursor
                    })
                    return (page.certificates.map(\.serial), page.nextCursor)
                }
            }
            #expect(revoked.whole == ["a5", "a4", "a3", "a2", "a1"])
            #expect(revoked.paged == revoked.whole && revoked.pages == 3)

            let plans = try await Self.compare { size, cursor in
                try await server.tasks(coordinator) {
                    let page = try await $0.listWorkPlans(.with {
                        $0.pageSize = size
                        $0.cursor = cursor
                    })
                    return (page.plans.map { "\($0.year) \($0.title)" }, page.nextCursor)
                }
            }
            #expect(plans.whole == ["2026 年度工作方案", "2026 方案 5", "2025 年度工作方案", "2025 方案 4", "2024 方案 3"])
            #expect(plans.paged == plans.whole && plans.pages == 3)

            // Referrals, alerts, tasks and meetings: three of each kind opened by routing rules,
            // five meetings, two of them at the same hour.
            for n in 1...3 {
                _ = try await server.sharing(try server.system("public-security")) {
                    try await $0.publish(try PublicSecurityFixtures.publish(PublicSecurityFixtures.riskAssessment(n, level: 4), "ra-\(n)"))
                }
            }
            for n in 1...5 {
                _ = try await server.createMeeting(MeetingFixtures.create(
                    title: "联席会议 \(n)", invite: ["health", "education"],
                    startsAt: MeetingFixtures.start.addingTimeInterval(Double(min(n, 4)) * 3600)))
            }
            let health = try server.system("health")
            let referrals = try await Self.compare { size, cursor in
                try await server.referrals(health) {
                    let page = try await $0.listReferrals(.with { $0.pageSize = size; $0.cursor = cursor })
                    return (page.referrals.map(\.referralID), page.nextCursor)
                }
            }
            let alerts = try await Self.compare { size, cursor in
                try await server.alerts(health) {
                    let page = try await $0.listAlerts(.with { $0.pageSize = size; $0.cursor = cursor })
                    return (page.alerts.map(\.alertID), page.nextCursor)
                }
            }
            let tasks = try await Self.compare { size, cursor in
                try await server.tasks(coordinator) {
                    let page = try await $0.listTasks(.with { $0.pageSize = size; $0.cursor = cursor })
                    return (page.tasks.map(\.taskID), page.nextCursor)
                }
            }
            let meetings = try await Self.compare { size, cursor in
                try await server.meetings(coordinator) {
                    let page = try await $0.listMeetings(.with { $0.pageSize = size; $0.cursor = cursor })
                    return (page.meetings.map(\.title), page.nextCursor)
                }
            }
            for (name, listing) in [("referrals", referrals), ("alerts", alerts), ("tasks", tasks), ("meetings", meetings)] {
                #expect(listing.whole.count >= 3 && listing.paged == listing.whole, "\(name)")
                #expect(Set(listing.whole).count == listing.whole.count && listing.pages == (listing.whole.count + 1) / 2, "\(name)")
            }
            #expect(meetings.whole.prefix(2).sorted() == ["联席会议 4", "联席会议 5"])

            // A cursor of one listing is no cursor of another.
            let other = try await server.tasks(coordinator) { try await $0.listWorkPlans(.with { $0.pageSize = 1 }) }.nextCursor
            let refused = await #expect(throws: RPCError.self) {
                try await server.withClient(try server.pki.admin) {
                    try await Admin_CertificateService.Client(wrapping: $0).listRevokedCertificates(.with { $0.cursor = other })
                }
            }
            #expect(refused?.code == .invalidArgument && refused?.message.contains("cursor") == true)
        }
    }

    /// One page of 500 beside pages of two followed to the end.
    static func compare<Item: Sendable>(
        _ page: (_ size: Int32, _ cursor: String) async throws -> ([Item], String)
    ) async throws -> (whole: [Item], paged: [Item], pages: Int) {
        let (whole, rest) = try await page(500, "")
        #expect(rest.isEmpty)
        var (paged, cursor, pages) = ([Item](), "", 0)
        repeat {
            let (items, next) = try await page(2, cursor)
            paged += items
            cursor = next
            pages += 1
        } while !cursor.isEmpty && pages < 100
        return (whole, paged, pages)
    }
}
