import CoordinationAPI
import CoordinationServer
import Foundation
import GRPCCore
import GRPCProtobuf
import Synchronization

extension BenchPhases {
    /// Subscribers of one department, reading for risk assessment.
    struct Audience {
        let identity: String
        /// A type filter on the subscription; `nil` for every type the department may see.
        let recordType: String?
        let count: Int
        /// Whether the department may read the published records at all.
        let sees: Bool
    }

    /// Publish → subscriber latency at half the unary maximum: 100 subscribers of one scope, then
    /// mixed scopes (including a department that may see nothing), then a sweep of subscriber counts.
    func measureDelivery() async throws {
        let rate = (unaryMax ?? 200) / 2
        let count = options.subscribers
        let single = try await delivery(
            rate: rate, tag: "one", audiences: [Audience(identity: "system-health", recordType: nil, count: count, sees: true)])
        report.record("delivery_rate_per_s", rate)
        report.record("delivery_subscribers", count)
        report.record("delivery_p50_ms", single.percentile(50))
        report.record("delivery_p99_ms", single.percentile(99))

        let mixed = try await delivery(rate: rate, tag: "mixed", audiences: [
            Audience(identity: "system-health", recordType: nil, count: count / 4, sees: true),
            Audience(identity: "system-health", recordType: BenchRecords.type, count: count / 4, sees: true),
            Audience(identity: "system-unions", recordType: nil, count: count - count / 2, sees: false),
        ])
        report.record("delivery_mixed_p50_ms", mixed.percentile(50))
        report.record("delivery_mixed_p99_ms", mixed.percentile(99))

        var sweep: [[String: Any]] = []
        for subscribers in options.subscriberCounts where subscribers != count {
            let samples = try await delivery(
                rate: rate, tag: "sweep-\(subscribers)",
                audiences: [Audience(identity: "system-health", recordType: nil, count: subscribers, sees: true)])
            sweep.append(["subscribers": subscribers, "p50_ms": samples.percentile(50), "p99_ms": samples.percentile(99)])
        }
        report.record("delivery_sweep", sweep)
    }

    /// Opens the audiences' subscriptions from the current head, publishes at `rate` for the
    /// phase's duration, waits for the last events, and returns the latencies from each record's
    /// intended send time to its arrival at each subscriber that may see it.
    func delivery(rate: Double, tag: String, audiences: [Audience]) async throws -> Samples {
        let cursor = StreamCursor.records.encode(marks.highest)
        let start = Locked<ContinuousClock.Instant?>(nil)
        // Which publish (its number, hence its intended send time) each record sequence was.
        let numbers = Locked<[Int64: Int]>([:])
        let failures = Locked<[String]>([])
        let streams = audiences.flatMap { audience in (0..<audience.count).map { _ in (audience, StreamTally()) } }
        let baseline = try await openStreams()
        let window = Locked<CPUWindow?>(nil)
        let published = try await withThrowingTaskGroup(of: Void.self) { group in
            let perConnection = 10
            for first in stride(from: 0, to: streams.count, by: perConnection) {
                let share = Array(streams[first..<min(streams.count, first + perConnection)])
                for (audience, members) in Dictionary(grouping: share, by: { $0.0.identity }).sorted(by: { $0.key < $1.key }) {
                    let endpoint = deployment.server(as: audience)
                    group.addTask {
                        try await endpoint.withClient { client in
                            try await withThrowingTaskGroup(of: Void.self) { memberStreams in
                                for (member, tally) in members {
                                    memberStreams.addTask {
                                        do {
                                            let request = Sharing_SubscribeRequest.with {
                                                $0.context = BenchRecords.context
                                                $0.recordType = member.recordType ?? ""
                                                $0.cursor = cursor
                                            }
                                            try await client.serverStreaming(
                                                request: ClientRequest(message: request),
                                                descriptor: Sharing_SharingService.Method.Subscribe.descriptor,
                                                serializer: ProtobufSerializer<Sharing_SubscribeRequest>(),
                                                deserializer: EventSequenceDeserializer(), options: .defaults
                                            ) { response in
                                                for try await sequence in response.messages {
                                                    tally.add(sequence, at: .now)
                                                }
                                            }
                                        } catch where !(error is CancellationError) && !Task.isCancelled {
                                            failures.withLock { $0.append("\(error)") }
                                        }
                                    }
                                }
                                try await memberStreams.waitForAll()
                            }
                        }
                    }
                }
            }
            try await waitForOpenStreams(baseline + streams.count)
            let began = ContinuousClock.now + .milliseconds(100)
            start.withLock { $0 = began }
            window.withLock { $0 = cpuWindow() }
            let load = Load(rate: rate, duration: duration, connections: 4, inFlight: 32)
            let outcome = try await load.run(deployment.server, startingAt: began) { [marks] client, number in
                let response = try await Sharing_SharingService.Client(wrapping: client)
                    .publish(try BenchRecords.publish("d-\(tag)-\(number)", n: number, name: "d-\(tag)-\(number)"))
                marks.saw(response.sequence)
                numbers.withLock { $0[response.sequence] = number }
            }
            sayFailures(outcome, in: "delivery publishing")
            let expected = outcome.completed * streams.filter { $0.0.sees }.count
            let drained = ContinuousClock.now + .seconds(10)
            while streams.reduce(0, { $0 + $1.1.count }) < expected && ContinuousClock.now < drained {
                try await Task.sleep(for: .milliseconds(50))
            }
            group.cancelAll()
            return outcome.completed
        }
        let cpu = window.withLock { $0?.summary() } ?? ""
        let seen = streams.filter { $0.0.sees }
        let (began, sent) = (start.withLock { $0 } ?? .now, numbers.withLock { $0 })
        // From each record's intended send time to its arrival at each subscriber that may see it.
        let samples = Samples(seen.flatMap { $0.1.arrivals.compactMap { sequence, arrival in
            sent[sequence].map { began.advanced(by: .seconds(Double($0) / rate)).duration(to: arrival) }
        } })
        let blind = streams.filter { !$0.0.sees }.reduce(0) { $0 + $1.1.count }
        let scopes = audiences.map { "\($0.count) \($0.identity.replacingOccurrences(of: "system-", with: ""))\($0.recordType == nil ? "" : " (type filter)")" }
        report.say("delivery at \(grouped(rate))/s to \(scopes.joined(separator: ", ")): p50 \(fixed(samples.percentile(50))) ms, "
                   + "p99 \(fixed(samples.percentile(99))) ms (target p99 ≤ 10 ms); \(samples.count) of \(published * seen.count) events"
                   + (blind > 0 ? "; \(blind) events reached departments that may not see them" : "") + "   [\(cpu)]")
        if let first = failures.withLock({ $0.first }) { report.say("  subscriptions failed: \(first)") }
        return samples
    }

    /// Server streams open on the server now.
    func openStreams() async throws -> Int {
        try await deployment.server(as: "admin").withClient {
            Int(try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()).openStreamsTotal)
        }
    }

    /// Waits (up to two minutes) until the server has `count` streams open.
    func waitForOpenStreams(_ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if try await openStreams() >= count { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchFailure("the server did not open \(count) streams within two minutes (it has \(try await openStreams()))")
    }
}

/// What one subscription received: each record sequence and when it arrived.
final class StreamTally: Sendable {
    private let state = Mutex<[(sequence: Int64, arrival: ContinuousClock.Instant)]>([])

    func add(_ sequence: Int64, at arrival: ContinuousClock.Instant) { state.withLock { $0.append((sequence, arrival)) } }
    var count: Int { state.withLock { $0.count } }
    var arrivals: [(sequence: Int64, arrival: ContinuousClock.Instant)] { state.withLock { $0 } }
}
