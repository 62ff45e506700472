import Foundation
import Synchronization

/// A clock that moves only when told to, for exercising deadlines without waiting.
public final class ManualClock: CoordinationClock {
    private let current: Mutex<Date>

    /// A clock reading `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
