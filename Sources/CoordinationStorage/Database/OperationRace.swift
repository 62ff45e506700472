import CoordinationCore
import PostgresNIO
import Synchronization

/// The first of: an operation's outcome, its deadline, its caller's cancellation. Whichever
/// comes first is delivered, once; an abandoned operation's connection is closed.
final class OperationRace<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        /// An outcome decided before ``start`` (the caller was cancelled first).
        var early: Result<Value, any Error>?
        var done = false
        var work: Task<Void, Never>?
        var timer: Task<Void, Never>?
        /// The connection the operation holds, while it holds one.
        var connection: PostgresConnection?
    }

    private let state = Mutex(State())

    /// Runs `operation` in its own task and answers `continuation` with the first outcome.
    func start(
        _ continuation: CheckedContinuation<Value, any Error>, timeout: Duration, timeoutError: CoordinationError,
        operation: @escaping @Sendable (OperationRace<Value>) async throws -> Value
    ) {
        let early: Result<Value, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            state.work = Task {
                do {
                    self.complete(.success(try await operation(self)))
                } catch {
                    self.complete(.failure(error))
                }
            }
            state.timer = Task {
                do { try await Task.sleep(for: timeout) } catch { return }
                self.abandon(with: timeoutError)
            }
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Called by the operation once it has leased `connection`; throws if it was abandoned meanwhile
    /// (the connection, untouched, goes back to the pool).
    func use(_ connection: PostgresConnection) throws {
        let abandoned = state.withLock { state in
            if !state.done { state.connection = connection }
            return state.done
        }
        if abandoned { throw CancellationError() }
    }

    /// Called by the operation before it returns its connection to the pool.
    func release() {
        state.withLock { $0.connection = nil }
    }

    /// The operation finished: delivers its outcome unless the deadline or a cancellation came first.
    private func complete(_ outcome: Result<Value, any Error>) {
        let continuation: CheckedContinuation<Value, any Error>? = state.withLock { state in
            guard !state.done else { return nil }
            state.done = true
            state.timer?.cancel()
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(with: outcome)
    }

    /// Gives up on the operation: delivers `error`, cancels the operation's task and closes the
    /// connection it holds (inside the lock, so that it cannot have been handed to someone else).
    func abandon(with error: any Error) {
        let continuation: CheckedContinuation<Value, any Error>? = state.withLock { state in
            guard !state.done else { return nil }
            state.done = true
            state.timer?.cancel()
            state.work?.cancel()
            if let connection = state.connection {
                state.connection = nil
                // Returns at once; fails whatever the connection waits for.
                _ = connection.close() as EventLoopFuture<Void>
            }
            defer { state.continuation = nil }
            if state.continuation == nil { state.early = .failure(error) }
            return state.continuation
        }
        continuation?.resume(throwing: error)
    }
}
