import Synchronization

/// A value read from the database at most once per `interval`, so that an operator's question
/// (a status call, a metrics scrape) costs the database little; when a read fails, the last
/// value read (`nil` before any).
final class PeriodicCopy<Value: Sendable>: Sendable {
    private let interval: Duration
    private let state = Mutex<(value: Value, readAt: ContinuousClock.Instant)?>(nil)

    init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// The copy, re-read with `read` when older than the interval.
    func value(reading read: () async throws -> Value) async -> Value? {
        if let copy = state.withLock({ $0 }), copy.readAt.duration(to: .now) < interval { return copy.value }
        guard let value = try? await read() else { return state.withLock { $0?.value } }
        state.withLock { $0 = (value, .now) }
        return value
    }
}
