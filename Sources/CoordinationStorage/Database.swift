import CoordinationCore
import Logging
import PostgresNIO
import Synchronization

/// The server's access to PostgreSQL: a connection pool with a deadline on every operation,
/// and database failures turned into ``CoordinationError``s a caller can act on.
///
/// The pool's `run()` must be going (``PostgresClient`` is a `Service`) before operations.
public struct Database: Sendable {
    /// The connection pool.
    public let client: PostgresClient
    /// How long an operation may wait for the database before failing with `unavailable`.
    public let operationTimeout: Duration
    let logger: Logger

    public init(client: PostgresClient, operationTimeout: Duration = .seconds(5), logger: Logger) {
        self.client = client
        self.operationTimeout = operationTimeout
        self.logger = logger
    }

    /// Runs `body` on a pooled connection.
    public func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await guarded(timeout: operationTimeout) { [client] race in
            try await client.withConnection { connection in
                try race.use(connection)
                defer { race.release() }
                return try await body(connection)
            }
        }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    /// `timeout` replaces ``operationTimeout`` for a transaction known to be long.
    public func transaction<Result: Sendable>(
        timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await guarded(timeout: timeout ?? operationTimeout) { [client, logger] race in
            try await client.withConnection { connection in
                try race.use(connection)
                defer { race.release() }
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    // On a closed connection the server has already aborted the transaction, and
                    // postgres-nio (1.33) never answers a query written to a channel whose pipeline
                    // has been torn down: a ROLLBACK there would wait forever.
                    if !connection.isClosed {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                    }
                    throw error
                }
            }
        }
    }

    /// Answers within `timeout`, whatever `operation` does.
    ///
    /// postgres-nio's queries ignore task cancellation, and one written to a connection that has
    /// just closed is never answered; a task group would wait for such an operation for ever. So
    /// the operation runs in a task of its own that is abandoned at the deadline (or when the
    /// caller is cancelled): the connection it holds is closed, which fails whatever it waits
    /// for and keeps the pool from handing that connection out again.
    private func guarded<Result: Sendable>(
        timeout: Duration, _ operation: @escaping @Sendable (OperationRace<Result>) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        let race = OperationRace<Result>()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    race.start(
                        continuation, timeout: timeout,
                        timeoutError: CoordinationError(
                            code: .unavailable,
                            message: "the database did not answer within \(timeout); try again shortly"),
                        operation: operation)
                }
            } onCancel: {
                race.abandon(with: CancellationError())
            }
        } catch {
            let mapped = DatabaseErrors.map(error)
            if mapped.code == .internalError {
                logger.error("database operation failed", metadata: ["error": "\(String(reflecting: error))"])
            } else if mapped.code == .unavailable {
                logger.warning("database unavailable", metadata: ["error": "\(mapped.message)"])
            }
            throw mapped
        }
    }
}

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
