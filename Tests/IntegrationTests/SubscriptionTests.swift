import CoordinationAPI
import CoordinationClient
import CoordinationServer
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Synchronization
import Testing

/// Subscribers resume from their cursor and miss nothing; wake-ups cross server instances.
@Suite("Record subscriptions")
struct SubscriptionTests {
    /// Subscribes as `credentials` from `cursor`, collecting events until `count` arrive.
    private func receive(
        _ count: Int, from server: TestServer, as credentials: ClientCredentials, after cursor: String = "",
        within timeout: Duration = .seconds(15)
    ) async throws -> [Sharing_RecordEvent] {
        let events = Mutex<[Sharing_RecordEvent]>([])
        let options = { var options = CallOptions.defaults; options.timeout = timeout; return options }()
        do {
            try await server.sharing(credentials) { client in
                try await client.subscribe(.with {
                    $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
                    $0.cursor = cursor
                }, options: options) { response in
                    for try await event in response.messages {
                        let done = events.withLock { $0.append(event); return $0.count >= count }
                        if done { return }
                    }
                }
            }
        } catch let error as RPCError where error.code == .deadlineExceeded {
            // Fewer than `count` arrived in time; the caller checks what did.
        }
        return events.withLock { $0 }
    }

    @Test("a subscriber gets what is stored, then new records; after a disconnect it resumes with no gap or repeat")
    func resumeAfterDisconnect() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            for n in 1...2 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }

            async let live = receive(3, from: server, as: health)
            try await Task.sleep(for: .milliseconds(500))
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(3)) }
            let first = try await live
            #expect(first.map { $0.record.fields.fields["student_name"]?.stringValue } == ["学生1", "学生2", "学生3"])
            #expect(first.allSatisfy { $0.record.fields.fields["answers"] == nil })

            // Disconnected: three more are published; resuming from the last cursor brings exactly those.
            for n in 4...6 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }
            let resumed = try await receive(3, from: server, as: health, after: first.last!.cursor)
            #expect(resumed.map(\.record.sequence) == [4, 5, 6].map { Int64($0) + first.last!.record.sequence - 3 })
            #expect(resumed.map { $0.record.fields.fields["student_name"]?.stringValue } == ["学生4", "学生5", "学生6"])

            // A department without a view receives nothing at all.
            let unions = try await receive(1, from: server, as: try server.system("unions"), within: .seconds(2))
            #expect(unions.isEmpty)
        }
    }

    @Test("a publish on one instance wakes a subscriber on another at once (LISTEN/NOTIFY), and survives a restart")
    func acrossInstances() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        // Polling is slowed to a minute: only a notification can deliver within the deadline.
        let slowPolling: @Sendable (inout ServerConfiguration) -> Void = { $0.subscriptionPollInterval = .seconds(60) }
        try await TestServer.with(configure: slowPolling, sharing: (pki, databases)) { publisher in
            try await publisher.seedDirectory()
            let education = try publisher.system("education")
            let health = try publisher.system("health")
            let lastCursor = try await TestServer.with(configure: slowPolling, sharing: (pki, databases)) { subscriber in
                try await Task.sleep(for: .milliseconds(500))
                async let live = receive(1, from: subscriber, as: health, within: .seconds(10))
                try await Task.sleep(for: .milliseconds(700))
                _ = try await publisher.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
                let events = try await live
                #expect(events.count == 1)
                return events.last?.cursor ?? ""
            }
            // The subscriber's server is gone; records keep coming; a new instance resumes the cursor.
            for n in 2...3 { _ = try await publisher.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }
            try await TestServer.with(configure: slowPolling, sharing: (pki, databases)) { restarted in
                let resumed = try await receive(2, from: restarted, as: health, after: lastCursor)
                #expect(resumed.map { $0.record.fields.fields["student_name"]?.stringValue } == ["学生2", "学生3"])
            }
        }
    }

    @Test("an idle stream runs no statement on records, whether it may see everything or nothing, until something newer commits")
    func idleStreamsCostNothing() async throws {
        let fastPolling: @Sendable (inout ServerConfiguration) -> Void = { $0.subscriptionPollInterval = .milliseconds(200) }
        try await TestServer.with(configure: fastPolling) { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 1...3 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }

            async let health = receive(4, from: server, as: try server.system("health"), within: .seconds(20))
            async let unions = receive(1, from: server, as: try server.system("unions"), within: .seconds(8))
            try await Task.sleep(for: .seconds(2))
            // Ten fallback ticks for each stream: none reads records or even asks how far they go.
            let idle = try await QueryCountTests.statements(on: server, touching: "coord\\.record\\s+WHERE seq >|record_high_water") {
                try await Task.sleep(for: .seconds(2))
            }
            #expect(idle == 0, "\(idle) statements on records while nothing was published")

            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(4)) }
            #expect(try await health.map { $0.record.fields.fields["student_name"]?.stringValue } == ["学生1", "学生2", "学生3", "学生4"])
            #expect(try await unions.isEmpty)
        }
    }

    @Test("subscriptions that see alike share one read per publication, and each recipient is audited by name before it is sent")
    func sharedDelivery() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
            let officers = try (1...3).map { _ in try server.person(.officer, of: "health") }
            let health = try server.system("health")
            let readers = Array(repeating: health, count: 7) + officers
            let streams = readers.map { reader in Task { try await receive(2, from: server, as: reader) } }
            let unions = Task { try await receive(1, from: server, as: try server.system("unions"), within: .seconds(6)) }
            try await server.waitForOpenStreams(atLeast: readers.count + 1)
            try await Task.sleep(for: .seconds(1))

            let published = Mutex("")
            let reads = try await QueryCountTests.statements(on: server, touching: "coord\\.record\\s+WHERE seq >") {
                let id = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(2)) }.recordID
                published.withLock { $0 = id }
                for stream in streams {
                    #expect(try await stream.value.map { $0.record.fields.fields["student_name"]?.stringValue } == ["学生1", "学生2"])
                }
            }
            // One read for health's ten streams, one for the unions' stream that may see nothing.
            #expect(reads <= 2, "\(reads) reads of records for one publication to eleven streams")
            #expect(try await unions.value.isEmpty)

            let record = published.withLock { $0 }
            let recipients = try await EmbeddedPostgres.withClient(server.superuser, logger: TestLog.logger) { client in
                let rows = try await client.query(
                    """
                    SELECT body::jsonb ->> 'callerName' FROM coord.audit_entry
                    WHERE body::jsonb ->> 'action' = 'record.read' AND body::jsonb -> 'recordIDs' ? \(record)
                    """, logger: TestLog.logger)
                var names: [String] = []
                for try await name in rows.decode(String.self) { names.append(name) }
                return names
            }
            #expect(recipients.count == readers.count, "\(recipients)")
            #expect(recipients.filter { $0 == "system-health" }.count == 7 && recipients.filter { $0 == "officer-health" }.count == 3, "\(recipients)")
        }
    }

    @Test("a subscriber that stops reading holds no one back, and when it reads again gets everything in order, once")
    func stalledSubscriber() async throws {
        try await TestServer.with(configure: { $0.subscriptionBuffer = 2 }) { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            let count = 400
            let (gate, open) = AsyncStream<Void>.makeStream()
            let stalled = Task {
                let sequences = Mutex<[Int64]>([])
                let options = { var options = CallOptions.defaults; options.timeout = .seconds(120); return options }()
                try await server.sharing(health) { client in
                    try await client.subscribe(.with { $0.context = Fixtures.context(.riskAssessment, .statutoryDuty) }, options: options) { response in
                        var waited = false
                        for try await event in response.messages {
                            if !waited {
                                // Stops reading after the first record until told to go on.
                                for await _ in gate { break }
                                waited = true
                            }
                            let done = sequences.withLock { $0.append(event.record.sequence); return $0.count >= count }
                            if done { return }
                        }
                    }
                }
                return sequences.withLock { $0 }
            }
            let lively = Task { try await receive(count, from: server, as: health, within: .seconds(120)) }
            try await server.waitForOpenStreams(atLeast: 2)
            // Eight publications in flight at a time, over one connection: wave after wave.
            try await server.sharing(education) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 1...count {
                        if n > 8 { try await group.next() }
                        group.addTask { _ = try await client.publish(try Fixtures.screening(n)) }
                    }
                    try await group.waitForAll()
                }
            }
            // The one reading keeps up while the other reads nothing.
            let kept = try await lively.value
            #expect(kept.count == count)
            open.yield()
            let caught = try await stalled.value
            #expect(caught.count == count)
            #expect(caught == kept.map(\.record.sequence), "in publication order, none missing, none twice")
        }
    }
}
