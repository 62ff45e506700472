import CoordinationCore
import Logging
import PostgresNIO

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
        try await guarded(timeout: operationTimeout) { [client] in try await client.withConnection { try await body($0) } }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    /// `timeout` replaces ``operationTimeout`` for a transaction known to be long.
    public func transaction<Result: Sendable>(
        timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CoordinationError) -> Result {
        try await guarded(timeout: timeout ?? operationTimeout) { [client, logger] in
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    private func guarded<Result: Sendable>(
        timeout: Duration, _ operation: @escaping @Sendable () async throws -> Result
    ) async throws(CoordinationError) -> Result {
        do {
            return try await withThrowingTaskGroup(of: Result.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw CoordinationError(
                        code: .unavailable,
                        message: "the database did not answer within \(timeout); try again shortly")
                }
                defer { group.cancelAll() }
                return try await group.next()!
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
