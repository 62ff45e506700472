import Foundation

/// Caps how many test servers run at once, so that a machine with few cores is not asked to
/// start a hundred servers (and their connection pools) in the same second. Tests wait for a
/// slot; time limits inside a test start once it has one.
actor ServerSlots {
    /// `COORD_TEST_SERVERS`, default 6.
    static let shared = ServerSlots(
        limit: ProcessInfo.processInfo.environment["COORD_TEST_SERVERS"].flatMap(Int.init) ?? 6)

    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// At most `limit` servers (at least one) at once.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` holding a slot.
    func withSlot<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes straight to the next in line
        }
    }
}
