import CoordinationCore
import Logging
import PostgresNIO
import ServiceLifecycle

/// Group commit for publishing: concurrent publish requests are written together in one
/// transaction (each in its own savepoint, so one request's failure spares the others), and
/// each is acknowledged only after that transaction commits.
///
/// Publication must be serial — sequence numbers become visible in order (subscribers read
/// "after n") and every publish extends the audit hash chain — so a commit per request would
/// cap throughput at one fsync each. Grouping shares one serial turn and one fsync among all
/// the requests waiting for it.
public actor PublishPipeline: Service {
    private struct Request: Sendable {
        let records: [NewRecord]
        let caller: Caller
        let continuation: CheckedContinuation<[PublishOutcome], any Error>
    }

    private let database: Database
    private let maximumRecordsPerCommit: Int
    private var pending: [Request] = []
    private nonisolated let signals: AsyncStream<Void>
    private nonisolated let signal: AsyncStream<Void>.Continuation

    public init(database: Database, maximumRecordsPerCommit: Int = 1000) {
        self.database = database
        self.maximumRecordsPerCommit = maximumRecordsPerCommit
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Publishes `records` for `caller`; returns once they are committed.
    public func submit(_ records: [NewRecord], by caller: Caller) async throws(CoordinationError) -> [PublishOutcome] {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pending.append(Request(records: records, caller: caller, continuation: continuation))
                signal.yield()
            }
        } catch let error as CoordinationError {
            throw error
        } catch {
            throw DatabaseErrors.map(error)
        }
    }

    public nonisolated func run() async throws {
        try await withGracefulShutdownHandler {
            for await _ in signals {
                while let group = await nextGroup() {
                    await write(group)
                }
            }
        } onGracefulShutdown: {
            // The server has drained its calls; finish what is queued, then stop.
            self.signal.finish()
        }
    }

    private func nextGroup() -> [Request]? {
        guard !pending.isEmpty else { return nil }
        var records = 0
        var count = 0
        for request in pending {
            if count > 0 && records + request.records.count > maximumRecordsPerCommit { break }
            records += request.records.count
            count += 1
        }
        let group = Array(pending.prefix(count))
        pending.removeFirst(count)
        return group
    }

    private func write(_ group: [Request]) async {
        do {
            // Optimistically, the whole group in one transaction.
            let results = try await commit(group.map { ($0.records, $0.caller) })
            for (request, outcomes) in zip(group, results) { request.continuation.resume(returning: outcomes) }
        } catch {
            guard group.count > 1 else {
                group[0].continuation.resume(throwing: RecordStore.explainPublishFailure(error, caller: group[0].caller))
                return
            }
            // One request spoiled the group: commit each alone, so only that one fails.
            for request in group {
                do {
                    request.continuation.resume(returning: try await commit([(request.records, request.caller)])[0])
                } catch {
                    request.continuation.resume(throwing: RecordStore.explainPublishFailure(error, caller: request.caller))
                }
            }
        }
    }

    /// Writes every request's records and audit entry in one transaction, in order.
    private func commit(_ work: [([NewRecord], Caller)]) async throws -> [[PublishOutcome]] {
        let records = work.reduce(0) { $0 + $1.0.count }
        return try await database.transaction(timeout: .seconds(5) + .milliseconds(2 * records)) { [logger = database.logger] connection in
            try await AuditLog.lock(on: connection, logger: logger)
            var head = try await AuditLog.head(on: connection, logger: logger)
            var results: [[PublishOutcome]] = []
            var department: String?
            for (records, caller) in work {
                if caller.departmentCode != department {
                    try await AccessScope(writer: caller).apply(on: connection, logger: logger)
                    department = caller.departmentCode
                }
                results.append(try await RecordStore.insert(records, by: caller, after: &head, on: connection, logger: logger))
            }
            if let newest = results.joined().filter({ !$0.duplicate }).map(\.sequence).max() {
                try await connection.query("SELECT pg_notify(\(DatabaseWakeups.records), \(String(newest)))", logger: logger)
            }
            return results
        }
    }
}
