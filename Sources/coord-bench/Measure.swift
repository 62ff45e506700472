import Foundation

/// Throughput and latency arithmetic.
enum Measure {
    /// Runs `workers` loops of `operation` for `duration`; returns completed operations per second.
    /// Each loop gets its own context from `makeContext` (a connection, typically).
    static func throughput(
        workers: Int, duration: Duration,
        _ worker: @escaping @Sendable (_ index: Int, _ until: ContinuousClock.Instant) async throws -> Int
    ) async throws -> Double {
        let start = ContinuousClock.now
        let deadline = start + duration
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<workers { group.addTask { try await worker(index, deadline) } }
            return try await group.reduce(0, +)
        }
        let elapsed = start.duration(to: .now)
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The `p`-th percentile (0–100) of `samples`, in milliseconds.
    static func percentile(_ samples: [Duration], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        let value = sorted[max(0, index)]
        return Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
    }
}
