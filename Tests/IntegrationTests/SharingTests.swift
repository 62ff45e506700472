import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import EducationPlugin
import Foundation
import GRPCCore
import GRPCProtobuf
import PostgresNIO
import Testing

/// Publishing and reading shared records over the real API.
@Suite("Information sharing")
struct SharingTests {
    @Test("publishing is idempotent on the request id; a reused id with other content is refused")
    func idempotentPublish() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let first = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
            let again = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
            #expect(!first.duplicate)
            #expect(again.duplicate)
            #expect(again.recordID == first.recordID)
            #expect(first.subjectPseudonym.hasPrefix("p1:"))

            let conflict = await #expect(throws: RPCError.self) {
                try await server.sharing(education) {
                    try await $0.publish(try Fixtures.screening(2, requestID: "screening-1"))
                }
            }
            #expect(conflict?.code == .alreadyExists)

            let mine = try await server.sharing(education) {
                try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) })
            }
            #expect(mine.records.count == 1)
            #expect(mine.records[0].withheld.isEmpty)
            #expect(mine.records[0].fields.fields["answers"] != nil)
        }
    }

    @Test("concurrent publications are written together: every one acknowledged once, in gap-free order, a retry racing its first try a duplicate")
    func groupedPublications() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            // Forty publications at once, and five of them sent twice at the same time.
            let sends = Array(1...40) + Array(1...5)
            let inserts = try await QueryCountTests.statements(on: server, touching: "INSERT INTO coord\\.record ") {
                let outcomes = try await withThrowingTaskGroup(of: (Int, Sharing_PublishResponse).self) { group in
                    for n in sends {
                        group.addTask { (n, try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) }) }
                    }
                    return try await group.reduce(into: [(Int, Sharing_PublishResponse)]()) { $0.append($1) }
                }
                let byRequest = Dictionary(grouping: outcomes, by: \.0)
                #expect(byRequest.count == 40)
                for (n, answers) in byRequest where answers.count == 2 {
                    #expect(Set(answers.map(\.1.recordID)).count == 1, "request \(n)")
                    #expect(answers.filter { !$0.1.duplicate }.count == 1, "request \(n)")
                }
                let sequences = outcomes.filter { !$0.1.duplicate }.map(\.1.sequence).sorted()
                #expect(sequences == Array(sequences[0]..<(sequences[0] + 40)))
            }
            #expect(inserts < 40, "\(inserts) record INSERT statements for 40 concurrent publications")
            let chain = try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
                try await AuditLog.entries(in: Database(client: client, logger: TestLog.logger))
            }
            #expect(AuditChain.verify(chain) == .intact(entries: chain.count))
            #expect(chain.filter { $0.body.contains("\"action\":\"record.publish\"") }.count == 40)
        }
    }

    @Test("invalid records are INVALID_ARGUMENT with every violation, and never echo an ID number")
    func validation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            var request = try Fixtures.screening(3)
            var report = try Education_StudentScreeningReport(unpackingAny: request.record)
            report.nationalID = "110105200701019999"
            report.schoolCode = ""
            request.record = try .init(message: report)
            request.requestID = ""
            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("education")) { [request] in try await $0.publish(request) }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("110105200701019999") == false)
            let fields = try error?.unpackGoogleRPCStatus()?.details.compactMap(\.badRequest).flatMap(\.violations).map(\.field)
            #expect(Set(fields ?? []) == ["request_id", "record.school_code", "record.national_id"])

            // A risk level outside the range education.proto declares is refused at the request limits.
            report.riskLevel = 7
            request.record = try .init(message: report)
            let outOfRange = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("education")) { [request] in try await $0.publish(request) }
            }
            #expect(outOfRange?.code == .invalidArgument)
            #expect(outOfRange?.message.contains("110105200701019999") == false)
            let limitFields = try outOfRange?.unpackGoogleRPCStatus()?.details.compactMap(\.badRequest).flatMap(\.violations).map(\.field)
            #expect(limitFields == ["record.risk_level"])
        }
    }

    @Test("a department cannot publish another plugin's record type")
    func foreignRecordType() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) { try await $0.publish(try Fixtures.screening(4)) }
            }
            #expect(error?.code == .permissionDenied)
        }
    }

    @Test("a batch is stored whole or not at all")
    func batch() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            var bad = try Fixtures.screening(12)
            bad.jurisdictionCode = "Not A Code"
            let requests = [try Fixtures.screening(11), bad, try Fixtures.screening(13)]
            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(education) { client in
                    try await client.publishBatch(requestProducer: { writer in try await writer.write(contentsOf: requests) })
                }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("records[1].jurisdiction_code") == true)

            let good = try (20..<25).map { try Fixtures.screening($0) }
            let response = try await server.sharing(education) { client in
                try await client.publishBatch(requestProducer: { writer in try await writer.write(contentsOf: good) })
            }
            #expect(response.results.count == 5)
            let all = try await server.sharing(education) {
                try await $0.query(.with { $0.context = Fixtures.context(.caseManagement, .statutoryDuty) })
            }
            #expect(all.records.count == 5)
        }
    }

    @Test("pages follow the cursor without gaps or repeats, and totals are not disclosed")
    func paging() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 30..<37 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }
            var seen: [Int64] = []
            var cursor = ""
            repeat {
                let page = try await server.sharing(education) { [cursor] in
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                        $0.pageSize = 3
                        $0.cursor = cursor
                    })
                }
                #expect(page.records.count <= 3)
                seen += page.records.map(\.sequence)
                cursor = page.nextCursor
            } while !cursor.isEmpty
            #expect(seen.count == 7)
            #expect(seen == seen.sorted())

            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(education) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                        $0.cursor = "garbage"
                    })
                }
            }
            #expect(error?.message.hasPrefix("cursor") == true)
        }
    }

    @Test("every read states a purpose and a legal basis")
    func purposeRequired() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            for (context, field) in [
                (Fixtures.context(.unspecified, .statutoryDuty), "context.purpose"),
                (Fixtures.context(.caseManagement, .unspecified), "context.legal_basis"),
                (Fixtures.context(.caseManagement, .consent), "context.consent_reference"),
            ] {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(try server.system("health")) { try await $0.query(.with { $0.context = context }) }
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix(field) == true)
            }
        }
    }

    @Test("querying by national ID finds the person's records by pseudonym")
    func subjectQuery() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 40..<43 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }
            let found = try await server.sharing(education) {
                try await $0.query(.with {
                    $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                    $0.subjectNationalID = Fixtures.nationalID(41).lowercased()
                })
            }
            #expect(found.records.count == 1)
            #expect(found.records[0].fields.fields["student_name"]?.stringValue == "学生41")
        }
    }
}
