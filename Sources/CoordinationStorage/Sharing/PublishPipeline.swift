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
///
/// Every request is answered within the time its own commit is allowed (``commitTimeout(records:)``),
/// however long it waits for its turn: after that it is answered `unavailable` and left out of
/// any later group; one already being written may still commit, which a retry with the same
/// request id reports as a duplicate.
public actor PublishPipeline: Service {
    private struct Request: Sendable {
        let id: Int
        let records: [NewRecord]
        let caller: Caller
    }

    private let database: Database
    private let maximumRecordsPerCommit: Int
    private var pending: [Request] = []
    /// The requests not answered yet, by id.
    private var waiting: [Int: CheckedContinuation<[PublishOutcome], any Error>] = [:]
    private var nextID = 0
    private nonisolated let signals: AsyncStream<Void>
    private nonisolated let signal: AsyncStream<Void>.Continuation

    public init(database: Database, maximumRecordsPerCommit: Int = 1000) {
        self.database = database
        self.maximumRecordsPerCommit = maximumRecordsPerCommit
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Publishes `records` for `caller`; returns once they are committed.
    public func submit(_ records: [NewRecord], by caller: Caller) async throws(CoordinationError) -> [PublishOutcome] {
        let id = nextID
        nextID += 1
        let timeout = commitTimeout(records: records.count)
        let expiry = Task {
            do { try await Task.sleep(for: timeout) } catch { return }
            self.answer(id, .failure(CoordinationError(
                code: .unavailable, message: "the database did not answer within \(timeout); try again shortly")))
        }
        defer { expiry.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiting[id] = continuation
                    pending.append(Request(id: id, records: records, caller: caller))
                    signal.yield()
                }
            } onCancel: {
                Task { await self.answer(id, .failure(CancellationError())) }
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

    /// Answers request `id` unless it was answered already (expired, cancelled or written).
    private func answer(_ id: Int, _ outcome: Result<[PublishOutcome], any Error>) {
        waiting.removeValue(forKey: id)?.resume(with: outcome)
    }

    private func nextGroup() -> [Request]? {
        // Requests answered while they waited (expired or cancelled) are not written.
        pending.removeAll { waiting[$0.id] == nil }
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
            for (request, outcomes) in zip(group, results) { answer(request.id, .success(outcomes)) }
        } catch {
            // Only a request's own fault (a refused row) is worth retrying alone; when the
            // database is unreachable or slow, every retry would wait out the timeout again.
            guard group.count > 1, DatabaseErrors.map(error).code != .unavailable else {
                for request in group {
                    answer(request.id, .failure(RecordStore.explainPublishFailure(error, caller: request.caller)))
                }
                return
            }
            // One request spoiled the group: commit each alone, so only that one fails.
            for request in group where waiting[request.id] != nil {
                do {
                    answer(request.id, .success(try await commit([(request.records, request.caller)])[0]))
                } catch {
                    answer(request.id, .failure(RecordStore.explainPublishFailure(error, caller: request.caller)))
                }
            }
        }
    }

    /// How long writing `records` records may take: the database's operation timeout and 2 ms a record.
    private func commitTimeout(records: Int) -> Duration {
        database.operationTimeout + .milliseconds(2 * records)
    }

    /// Writes every request's records and audit entry in one transaction, in order.
    private func commit(_ work: [([NewRecord], Caller)]) async throws -> [[PublishOutcome]] {
        let records = work.reduce(0) { $0 + $1.0.count }
        return try await database.transaction(timeout: commitTimeout(records: records)) { [logger = database.logger] connection in
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
