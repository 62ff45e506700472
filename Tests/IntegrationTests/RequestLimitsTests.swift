import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import PostgresNIO
import SwiftProtobuf
import Testing

/// The one validation edge: what a client sends is checked against the limits the API's
/// descriptors declare before any handler, store or database sees it; a request too large for
/// the server is refused with RESOURCE_EXHAUSTED on a connection that stays usable.
@Suite("Request limits")
struct RequestLimitsTests {
    private let schema = FuzzSchema.api

    @Test("a timestamp past the year 2199 in a query or a meeting is INVALID_ARGUMENT, and the server stays up")
    func farFutureTimestamps() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            // The request bytes that once took the server down: a read context and published_after = 99999999999999 s.
            let query = try #require([UInt8](hexString: "0a04080210012a0a08ffffe883b1de161000"))
            let error = try await server.rawCall("coordination.sharing.v1.SharingService/Query", [query], as: try server.system("education"))
            #expect(error?.code == .invalidArgument)
            #expect(try Self.fields(error) == ["published_after"])

            var meeting = Meetings_CreateMeetingRequest()
            meeting.kind = .joint
            meeting.title = "Q4"
            meeting.jurisdictionCode = "demo-county"
            meeting.startsAt = Google_Protobuf_Timestamp(seconds: 99_999_999_999_999)
            meeting.invitees = [.with { $0.departmentCode = "education" }]
            let created = try await server.rawCall(
                "coordination.meetings.v1.MeetingService/CreateMeeting", [try meeting.serializedBytes()],
                as: try server.pki.coordinator)
            #expect(created?.code == .invalidArgument)
            #expect(try Self.fields(created) == ["starts_at"])

            // Still serving: the same query with a sane date is answered.
            var sane = try Sharing_QueryRequest(serializedBytes: query)
            sane.publishedAfter = Google_Protobuf_Timestamp(seconds: 1_790_000_000)
            #expect(try await server.rawCall(
                "coordination.sharing.v1.SharingService/Query", [try sane.serializedBytes()], as: try server.system("education")) == nil)
        }
    }

    @Test("a NUL byte in any string field of any request is INVALID_ARGUMENT naming that field, never echoing it")
    func nulBytesInEveryStringField() async throws {
        let cases = schema.methods.flatMap { method in
            StringFieldPaths(schema: schema).paths(in: method.input).map { (method, $0) }
        }
        #expect(cases.count > 140)
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            // A streamed request is read only once the caller may publish: a department system sends those.
            let (coordinator, system) = (try server.pki.coordinator, try server.system("education"))
            let failures = try await server.withClient(coordinator) { coordinator in try await server.withClient(system) { system in
                var failures: [String] = []
                for (method, path) in cases {
                    let client = method.clientStreaming ? system : coordinator
                    let bytes = StringFieldPaths(schema: schema).message(method.input, setting: path, to: Array("a\u{0}b".utf8))
                    switch await RawCall.send([bytes], to: method, on: client, timeout: .seconds(20)) {
                    case .success:
                        failures.append("\(method.fullName) \(path.name): accepted")
                    case .failure(let error):
                        let fields = (try? Self.fields(error)) ?? []
                        let expected = method.clientStreaming ? "request[0].\(path.name)" : path.name
                        if error.code != .invalidArgument || !fields.contains(expected) || error.message.contains("\u{0}") {
                            failures.append("\(method.fullName) \(path.name): \(error.code) \(fields) \(error.message)")
                        }
                    }
                }
                return failures
            } }
            #expect(failures.isEmpty, "\(failures.count) of \(cases.count) fields:\n\(failures.prefix(30).joined(separator: "\n"))")
        }
    }

    @Test("oversized values, long lists, unknown enum values and absurd years are INVALID_ARGUMENT naming the field")
    func outOfRangeValues() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let coordinator = try server.pki.coordinator
            let megabyte = String(repeating: "x", count: 1_000_000)

            let feedback = Evaluation_RecordFeedbackRequest.with {
                $0.year = 2026
                $0.departmentCode = megabyte
                $0.text = "ok"
            }
            try await expectRefused(server, "coordination.evaluation.v1.EvaluationService/RecordFeedback", feedback, as: coordinator, fields: ["department_code"])

            let context = Sharing_QueryRequest.with {
                $0.context = .with {
                    $0.purpose = .caseManagement
                    $0.legalBasis = .consent
                    $0.consentReference = megabyte
                    $0.justification = megabyte
                }
            }
            try await expectRefused(
                server, "coordination.sharing.v1.SharingService/Query", context, as: try server.system("health"),
                fields: ["context.consent_reference", "context.justification"])

            let list = Meetings_ListMeetingsRequest.with { $0.kind = .UNRECOGNIZED(99) }
            try await expectRefused(server, "coordination.meetings.v1.MeetingService/ListMeetings", list, as: coordinator, fields: ["kind"])

            let evaluation = Evaluation_EvaluateRequest.with { $0.year = 9999 }
            try await expectRefused(server, "coordination.evaluation.v1.EvaluationService/Evaluate", evaluation, as: coordinator, fields: ["year"])

            let ids = (0..<50_000).map { _ in UUID().uuidString }
            let referral = Referrals_CreateReferralRequest.with {
                $0.toDepartment = "health"
                $0.subjectNationalID = Fixtures.nationalID(1)
                $0.reason = "x"
                $0.linkedRecordIds = ids
            }
            try await expectRefused(
                server, "coordination.referrals.v1.ReferralService/CreateReferral", referral, as: try server.system("education"),
                fields: ["linked_record_ids"])
            let alert = Alerts_RaiseAlertRequest.with {
                $0.kind = "crisis"
                $0.summary = "s"
                $0.severity = .high
                $0.targetDepartments = Array(repeating: "health", count: 50_000)
            }
            try await expectRefused(
                server, "coordination.alerts.v1.AlertService/RaiseAlert", alert, as: try server.system("education"),
                fields: ["target_departments"])
            let task = Tasks_CreateTaskRequest.with {
                $0.title = "t"
                $0.leadDepartment = "education"
                $0.cooperatingDepartments = Array(repeating: "health", count: 50_000)
            }
            try await expectRefused(
                server, "coordination.tasks.v1.TaskService/CreateTask", task, as: coordinator, fields: ["cooperating_departments"])
        }
    }

    @Test("a request over limits.max-request-bytes is RESOURCE_EXHAUSTED and the connection keeps serving")
    func oversizedRequest() async throws {
        try await TestServer.with(configure: { $0.maxRequestBytes = 64 * 1024 }) { server in
            try await server.seedDirectory(installingPlugins: false)
            let health = try server.system("health")
            try await server.withClient(health) { client in
                let alerts = Alerts_AlertService.Client(wrapping: client)
                let huge = Alerts_RaiseAlertRequest.with { $0.summary = String(repeating: "长", count: 40_000) }
                let error = await #expect(throws: RPCError.self) { try await alerts.raiseAlert(huge) }
                #expect(error?.code == .resourceExhausted)
                #expect(error?.message.contains("limits.max-request-bytes") == true)
                // The same connection answers the next call.
                let departments = try await Directory_DirectoryService.Client(wrapping: client).listDepartments(.init())
                #expect(!departments.departments.isEmpty)
            }
        }
    }

    @Test("one connection has at most limits.max-streams-per-connection calls open; another connection has its own")
    func streamsPerConnection() async throws {
        try await TestServer.with(configure: { $0.maxStreamsPerConnection = 100 }) { server in
            try await server.seedDirectory()
            let health = try server.system("health")
            let subscribe: @Sendable (Sharing_SharingService.Client<HTTP2ClientTransport.Posix>) async -> Void = { sharing in
                try? await sharing.subscribe(.with { $0.context = Fixtures.context(.riskAssessment, .statutoryDuty) }) {
                    for try await _ in $0.messages {}
                }
            }
            try await server.withClient(health) { first in
                let sharing = Sharing_SharingService.Client(wrapping: first)
                // Ten more than the limit wait on the client, in a group of their own: they are
                // ended only once the first hundred have made room for them. (A call ended while
                // still waiting for room trips an assertion of grpc-swift-nio-transport's debug build.)
                try await withThrowingTaskGroup(of: Void.self) { waiting in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<100 { group.addTask { await subscribe(sharing) } }
                        try await server.waitForOpenStreams(atLeast: 100)
                        for _ in 0..<10 { waiting.addTask { await subscribe(sharing) } }
                        try await Task.sleep(for: .milliseconds(500))
                        #expect(try await server.openStreams() == 100)
                        try await server.withClient(health) { second in
                            let other = Sharing_SharingService.Client(wrapping: second)
                            try await withThrowingTaskGroup(of: Void.self) { more in
                                for _ in 0..<5 { more.addTask { await subscribe(other) } }
                                try await server.waitForOpenStreams(atLeast: 105)
                                more.cancelAll()
                            }
                        }
                        group.cancelAll()
                    }
                    // The hundred ended: the ten waiting are let through, and then ended.
                    for _ in 0..<200 where try await server.openStreams() != 10 { try await Task.sleep(for: .milliseconds(50)) }
                    #expect(try await server.openStreams() == 10)
                    waiting.cancelAll()
                }
            }
        }
    }

    @Test("a unary call with no request message or with two is INVALID_ARGUMENT")
    func messageCount() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let method = "coordination.directory.v1.DirectoryService/ListDepartments"
            let officer = try server.pki.officer
            #expect(try await server.rawCall(method, [], as: officer)?.code == .invalidArgument)
            #expect(try await server.rawCall(method, [[], []], as: officer)?.code == .invalidArgument)
            #expect(try await server.rawCall(method, [[]], as: officer) == nil)
        }
    }

    @Test("a value PostgreSQL cannot store is INVALID_ARGUMENT, not INTERNAL, even past the request limits")
    func databaseDataErrorsAreTheCallersFault() async throws {
        let databases = try await TestCluster.shared.freshDatabase()
        let error = try await EmbeddedPostgres.withClient(databases.runtime, logger: TestLog.logger) { client in
            let database = Database(client: client, logger: TestLog.logger)
            do {
                try await database.withConnection { connection in
                    _ = try await connection.query("SELECT \("a\u{0}b")::text", logger: TestLog.logger)
                }
                return nil as CoordinationError?
            } catch let error as CoordinationError {
                return error
            }
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.description.contains("22021") == true)
    }

    @Test("a transaction rolled back by a deadlock or a serialization failure is ABORTED, to be sent again, not INTERNAL")
    func rolledBackTransactionsAreAborted() async throws {
        let databases = try await TestCluster.shared.freshDatabase()
        for state in ["40001", "40P01"] {
            let error = try await EmbeddedPostgres.withClient(databases.runtime, logger: TestLog.logger) { client in
                let database = Database(client: client, logger: TestLog.logger)
                do {
                    try await database.transaction { connection in
                        _ = try await connection.query(
                            PostgresQuery(unsafeSQL: "DO $$ BEGIN RAISE EXCEPTION 'rolled back' USING ERRCODE = '\(state)'; END $$"),
                            logger: TestLog.logger)
                    }
                    return nil as CoordinationError?
                } catch let error as CoordinationError {
                    return error
                }
            }
            #expect(error?.code == .aborted, "\(state)")
            #expect(error?.message.description.contains(state) == true)
        }
    }

    private func expectRefused(
        _ server: TestServer, _ method: String, _ message: some SwiftProtobuf.Message, as credentials: ClientCredentials,
        fields: Set<String>
    ) async throws {
        let error = try await server.rawCall(method, [try message.serializedBytes()], as: credentials)
        #expect(error?.code == .invalidArgument, "\(method): \(String(describing: error))")
        #expect(try Self.fields(error) == fields, "\(method)")
        #expect((error?.message.count ?? 0) < 2_000, "\(method): the message repeats the value")
    }

    static func fields(_ error: RPCError?) throws -> Set<String> {
        Set(try error?.unpackGoogleRPCStatus()?.details.compactMap(\.badRequest).flatMap(\.violations).map(\.field) ?? [])
    }
}

extension TestServer {
    /// Calls `method` with `messages` as bytes; returns the error, `nil` if the call succeeded.
    func rawCall(_ method: String, _ messages: [[UInt8]], as credentials: ClientCredentials) async throws -> RPCError? {
        try await withClient(credentials) { client in
            switch await RawCall.send(messages, to: FuzzSchema.api.method(method), on: client, timeout: .seconds(20)) {
            case .success: return nil
            case .failure(let error): return error
            }
        }
    }
}

/// Paths to every string field of a request message, through nested messages, and requests
/// that set exactly one of them.
private struct StringFieldPaths {
    struct Path: Sendable {
        /// Field numbers from the top message down.
        let numbers: [Int]
        /// As a violation names it: `context.consent_reference`, `invitees[0].department_code`.
        let name: String
        /// The last number is the value of a map entry, which also needs a key.
        var isMapValue = false
    }

    let schema: FuzzSchema

    func paths(in message: String, prefix: String = "", numbers: [Int] = [], depth: Int = 0) -> [Path] {
        guard let descriptor = schema.messages[message], depth < 4, !message.hasPrefix("google.protobuf.") else { return [] }
        return descriptor.field.flatMap { field -> [Path] in
            let repeated = field.label == .repeated
            let type = String(field.typeName.dropFirst())
            if field.type == .string {
                return [Path(numbers: numbers + [Int(field.number)], name: prefix + field.name + (repeated ? "[0]" : ""))]
            }
            guard field.type == .message, let nested = schema.messages[type] else { return [] }
            if nested.options.mapEntry {
                // A map with string values: the value's problem is named by the map field.
                guard nested.field.last?.type == .string else { return [] }
                return [Path(numbers: numbers + [Int(field.number), 2], name: prefix + field.name, isMapValue: true)]
            }
            return paths(
                in: type, prefix: prefix + field.name + (repeated ? "[0]" : "") + ".", numbers: numbers + [Int(field.number)],
                depth: depth + 1)
        }
    }

    /// The bytes of a message with only the field at `path` set to `value` (a map entry gets a
    /// plain key).
    func message(_ name: String, setting path: Path, to value: [UInt8]) -> [UInt8] {
        var bytes = value
        for (level, number) in path.numbers.enumerated().reversed() {
            var writer = WireWriter()
            if path.isMapValue && level == path.numbers.count - 1 { writer.bytesField(1, Array("key".utf8)) }
            writer.bytesField(number, bytes)
            bytes = writer.bytes
        }
        return bytes
    }
}
