import Foundation

/// Where the server reads the time for deadlines, due dates and escalations.
///
/// Production uses ``SystemClock``; tests drive deadlines with a ``ManualClock``.
public protocol CoordinationClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemClock: CoordinationClock {
    public init() {}

    public func now() -> Date { Date() }
}
