import CoordinationClient
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

/// Where the clients connect, and as whom.
struct Endpoint: Sendable {
    let port: Int
    let credentials: ClientCredentials

    /// Runs `body` with a connection of its own.
    func withClient<Result: Sendable>(
        _ body: @Sendable (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials, body)
    }
}

/// Calls made against a server, either at a fixed rate (open loop: each call has an intended send
/// time, and its latency counts from then, however late the client got round to sending it) or as
/// fast as the server answers (closed loop, for the maximum).
struct Load: Sendable {
    /// Calls per second; `nil` for as fast as the server answers.
    let rate: Double?
    let duration: Duration
    let connections: Int
    /// Calls outstanding at once on each connection, at most.
    let inFlight: Int

    /// What a run did.
    struct Outcome: Sendable {
        let completed: Int
        let failures: [String]
        let elapsed: Duration
        let latencies: Samples

        var perSecond: Double { Double(completed) / elapsed.seconds }
    }

    /// Runs `call` (given a connection and the call's number, from 0) from `start` until the
    /// duration is over; at a fixed rate call `n` is meant to be sent at `start + n / rate`.
    func run(
        _ endpoint: Endpoint, startingAt start: ContinuousClock.Instant = .now,
        call: @escaping @Sendable (GRPCClient<HTTP2ClientTransport.Posix>, Int) async throws -> Void
    ) async throws -> Outcome {
        let next = Locked(0)
        let end = start + duration
        let rate = self.rate
        let inFlight = self.inFlight
        let results = try await withThrowingTaskGroup(of: (Int, [String], [Duration]).self) { group in
            for _ in 0..<connections {
                group.addTask {
                    try await endpoint.withClient { client in
                        try await withThrowingTaskGroup(of: (Int, [String], [Duration]).self) { workers in
                            for _ in 0..<inFlight {
                                workers.addTask {
                                    var completed = 0
                                    var failures: [String] = []
                                    var latencies: [Duration] = []
                                    while true {
                                        let number = next.withLock { value in
                                            defer { value += 1 }
                                            return value
                                        }
                                        let intended = rate.map { start + .seconds(Double(number) / $0) } ?? .now
                                        guard intended < end else { break }
                                        if intended > .now { try await Task.sleep(until: intended) }
                                        do {
                                            try await call(client, number)
                                            latencies.append(intended.duration(to: .now))
                                            completed += 1
                                        } catch {
                                            failures.append("\(error)")
                                        }
                                    }
                                    return (completed, failures, latencies)
                                }
                            }
                            return try await workers.reduce(into: (0, [], [])) { $0.0 += $1.0; $0.1 += $1.1; $0.2 += $1.2 }
                        }
                    }
                }
            }
            return try await group.reduce(into: (0, [String](), [Duration]())) { $0.0 += $1.0; $0.1 += $1.1; $0.2 += $1.2 }
        }
        return Outcome(completed: results.0, failures: results.1, elapsed: start.duration(to: .now), latencies: Samples(results.2))
    }
}

/// Latency samples and their percentiles.
struct Samples: Sendable {
    private let sorted: [Duration]

    init(_ samples: [Duration]) { sorted = samples.sorted() }

    var count: Int { sorted.count }

    /// The `p`-th percentile (0–100), in milliseconds; NaN without samples.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index].milliseconds
    }
}
