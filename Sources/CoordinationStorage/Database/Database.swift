import CoordinationCore
import Logging
import PostgresNIO

/// The server's access to PostgreSQL: a connection pool with a deadline on every operation,
/// and database failures turned into ``CoordinationError``s a caller can act on.
///
/// The pool's `run()` must be going (``PostgresClient`` is a `Service`) before operations.
public struct Database: Sendable {
    /// The connection pools (one per database host).
    public let pool: DatabasePool
    /// The connection pool of the primary.
    public var client: PostgresClient { pool.client }
    /// How long an operation may wait for the database before failing with `unavailable`.
    public let operationTimeout: Duration
    let logger: Logger
    /// Counts the pool's leases and waits, when given.
    let poolMetrics: DatabasePoolMetrics?

    public init(
        client: PostgresClient, operationTimeout: Duration = .seconds(5), logger: Logger,
        poolMetrics: DatabasePoolMetrics? = nil
    ) {
        self.init(pool: DatabasePool(client: client), operationTimeout: operationTimeout, logger: logger, poolMetrics: poolMetrics)
    }

    /// Operations on whichever of `pool`'s hosts is the primary.
    public init(
        pool: DatabasePool, operationTimeout: Duration = .seconds(5), logger: Logger, poolMetrics: DatabasePoolMetrics? = nil
    ) {
        self.pool = pool
        self.operationTimeout = operationTimeout
        self.logger = logger
        self.poolMetrics = poolMetrics
    }

    /// Runs `body` on a pooled connection.
    public func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await guarded(timeout: operationTimeout) { [self] race in
            try await leasing { connection in
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
        try await guarded(timeout: timeout ?? operationTimeout) { [self, logger] race in
            try await leasing { connection in
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

    /// Runs `body` on a connection of the pool, counted by ``poolMetrics``.
    private func leasing<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        if let poolMetrics { return try await poolMetrics.leasing(from: client, body) }
        return try await client.withConnection(body)
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
                            message: "the database did not answer within \(timeout.secondsText) seconds; try again shortly"),
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
