/// Drives a reader of what any instance writes — a server stream, a cached copy: drains once at
/// the start, then again on every wake-up and at least every `fallback`, until the wake-ups end
/// (the server is shutting down) or `drain` throws (the client went away).
public enum StreamPump {
    public static func run(
        wakeups: AsyncStream<Void>, fallback: Duration, drain: () async throws -> Void
    ) async throws {
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        signal.yield()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in wakeups { signal.yield() }
                signal.finish()
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: fallback)
                    signal.yield()
                }
            }
            defer { group.cancelAll() }
            for await _ in signals { try await drain() }
        }
    }
}
