import CoordinationAPI
import CoordinationTesting
import Foundation
import Testing

/// `coord referral` and `coord record query --referral` against a real server.
@Suite("Referral CLI")
struct ReferralCLITests {
    @Test("create, list (table and JSON), show, accept, read the linked record, complete, and errors that name the field")
    func referralCommands() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            let record = try await server.publishScreening(9, risk: 2)

            let created = try await CoordCLI.run(
                ["referral", "create", "--to", "health", "--subject", Fixtures.nationalID(9), "--reason", ReferralFixtures.reason,
                 "--record", record, "--consent", "consent form 2026-9", "--json"],
                server: server, as: education)
            #expect(created.status == 0, "\(created.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
            let id = try #require(json?["id"] as? String)
            #expect(json?["urgency"] as? String == "emergency")
            #expect(json?["urgencyDefaulted"] as? Bool == true)
            #expect(json?["linkedRecordIDs"] as? [String] == [record])
            #expect(!created.stdout.contains(Fixtures.nationalID(9)))

            let table = try await CoordCLI.run(["referral", "list", "--direction", "incoming"], server: server, as: health)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(lines.first?.contains("URGENCY") == true)
            let row = try #require(lines.first { $0.hasPrefix(String(id.prefix(8)) + " ") })
            #expect(row.contains("education") && row.contains("emergency") && row.contains("pending") && row.contains("given"))

            let listed = try await CoordCLI.run(["referral", "list", "--json", "--status", "pending"], server: server, as: education)
            #expect(listed.status == 0, "\(listed.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
            #expect(rows?.map { $0["id"] as? String } == [id])

            let accepted = try await CoordCLI.run(["referral", "accept", id], server: server, as: health)
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(accepted.stdout.contains("accepted referral \(id) from education"))

            let read = try await CoordCLI.run(
                ["record", "query", "--purpose", "referral", "--basis", "active-referral", "--referral", id],
                server: server, as: health)
            #expect(read.status == 0, "\(read.stderr)")
            #expect(read.stdout.contains("13800000009"))  // the guardian's phone: the referral view, not the everyday one
            #expect(read.stdout.contains("withheld answers"))

            let show = try await CoordCLI.run(["referral", "show", id], server: server, as: education)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("education → health  [accepted]"))
            #expect(show.stdout.contains("consent given: consent form 2026-9"))
            #expect(show.stdout.contains("created") && show.stdout.contains("accepted"))

            let noOutcome = try await CoordCLI.run(["referral", "complete", id, "--outcome", " "], server: server, as: health)
            #expect(noOutcome.status != 0)
            #expect(noOutcome.stderr.contains("outcome"))
            let completed = try await CoordCLI.run(
                ["referral", "complete", id, "--outcome", "assessed; follow-up arranged"], server: server, as: health)
            #expect(completed.status == 0, "\(completed.stderr)")
            let after = try await CoordCLI.run(
                ["record", "query", "--purpose", "referral", "--basis", "active-referral", "--referral", id],
                server: server, as: health)
            #expect(after.status != 0)
            #expect(after.stderr.contains("is not open"))

            let twoConsents = try await CoordCLI.run(
                ["referral", "create", "--to", "health", "--subject", Fixtures.nationalID(9), "--reason", "x",
                 "--consent", "a", "--emergency-override", "a long justification"], server: server, as: education)
            #expect(twoConsents.status != 0)
            #expect(twoConsents.stderr.contains("exactly one"))
        }
    }
}
