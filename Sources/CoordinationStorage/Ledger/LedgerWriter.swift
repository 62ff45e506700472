import CoordinationCore
import Logging
import PostgresNIO
import ServiceLifecycle

/// Group commit for everything that extends the ledger on the hot path — record publications
/// and the audit entries of record reads and deliveries: concurrent requests are written
/// together in one transaction, the audit chain extended once per group in one statement, and
/// each request is acknowledged only after that transaction commits.
///
/// Extending the ledger is serial — sequence numbers become visible in order (subscribers read
/// "after n") and every entry chains onto the one before — so a commit per request would cap
/// throughput at one turn of the chain's lock and one fsync each. Grouping shares them among
/// all the requests waiting.
///
/// Up to `concurrentCommits` groups are written at once, each on its own connection: the
/// chain's lock (taken in the database) orders them, so one group's round trips — its begin,
/// its wait for the lock — overlap another's commit, and numbers still follow commit order.
///
/// Every request is answered within the time its own commit is allowed (``commitTimeout(weight:)``),
/// however long it waits for its turn: after that it is answered `unavailable` and left out of
/// any later group; one already being written may still commit, which a retry with the same
/// request id reports as a duplicate.
public actor LedgerWriter: Service {
    /// What one request asks to have written.
    private enum Work: Sendable {
        case publish([NewRecord], by: Caller)
        case audit([ReadAudit])

        /// Its share of a group's size limit.
        var weight: Int {
            switch self {
            case .publish(let records, _): records.count
            case .audit(let entries): entries.count
            }
        }
    }

    /// What was written for one request.
    private enum Written: Sendable {
        case published([PublishOutcome])
        case audited([Int64])
    }

    private struct Request: Sendable {
        let id: Int
        let work: Work
    }

    private let database: Database
    private let maximumWeightPerCommit: Int
    private let concurrentCommits: Int
    /// Groups being written now.
    private var writing = 0
    private var pending: [Request] = []
    /// The requests not answered yet, by id.
    private var waiting: [Int: CheckedContinuation<Written, any Error>] = [:]
    private var nextID = 0
    private nonisolated let signals: AsyncStream<Void>
    private nonisolated let signal: AsyncStream<Void>.Continuation
    private let metrics: LedgerMetrics?
    /// The zone of the times in what routing opens (notices, histories).
    private let localTime: LocalTime

    /// `maximumRecordsPerCommit` bounds a group: records published, plus one per audit entry;
    /// `concurrentCommits` groups may be written at once.
    public init(
        database: Database, maximumRecordsPerCommit: Int = 1000, concurrentCommits: Int = 2, metrics: LedgerMetrics? = nil,
        localTime: LocalTime = .county
    ) {
        self.database = database
        self.localTime = localTime
        self.metrics = metrics
        self.maximumWeightPerCommit = maximumRecordsPerCommit
        self.concurrentCommits = max(1, concurrentCommits)
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Publishes `records` for `caller`, with their audit entry; returns once they are committed.
    public func publish(_ records: [NewRecord], by caller: Caller) async throws(CoordinationError) -> [PublishOutcome] {
        guard case .published(let outcomes) = try await submit(.publish(records, by: caller)) else {
            throw CoordinationError(code: .internalError, message: "the publication was not written")
        }
        return outcomes
    }

    /// Appends the entries of `reads` to the audit chain, together (and logs break-the-glass
    /// reads for review); returns their sequence numbers once committed.
    @discardableResult
    public func audit(_ reads: [ReadAudit]) async throws(CoordinationError) -> [Int64] {
        guard !reads.isEmpty else { return [] }
        guard case .audited(let sequences) = try await submit(.audit(reads)) else {
            throw CoordinationError(code: .internalError, message: "the audit entries were not written")
        }
        return sequences
    }

    private func submit(_ work: Work) async throws(CoordinationError) -> Written {
        let id = nextID
        nextID += 1
        let timeout = commitTimeout(weight: work.weight)
        let expiry = Task {
            do { try await Task.sleep(for: timeout) } catch { return }
            self.answer(id, .failure(CoordinationError(
                code: .unavailable, message: "the database did not answer within \(timeout.secondsText) seconds; try again shortly")))
        }
        defer { expiry.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiting[id] = continuation
                    pending.append(Request(id: id, work: work))
                    metrics?.queue(pending.count)
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
            await withDiscardingTaskGroup { writers in
                for await _ in signals {
                    while let group = await nextGroupToWrite() {
                        writers.addTask {
                            await self.write(group)
                            await self.wrote()
                        }
                    }
                }
            }
            // The server has drained its calls: finish what is still queued, then stop.
            while let group = await nextGroup() {
                await write(group)
            }
        } onGracefulShutdown: {
            self.signal.finish()
        }
    }

    /// The next group, if fewer than `concurrentCommits` are being written.
    private func nextGroupToWrite() -> [Request]? {
        guard writing < concurrentCommits, let group = nextGroup() else { return nil }
        writing += 1
        return group
    }

    /// A group is written: another may start.
    private func wrote() {
        writing -= 1
        signal.yield()
    }

    /// Answers request `id` unless it was answered already (expired, cancelled or written).
    private func answer(_ id: Int, _ outcome: Result<Written, any Error>) {
        waiting.removeValue(forKey: id)?.resume(with: outcome)
    }

    private func nextGroup() -> [Request]? {
        // Requests answered while they waited (expired or cancelled) are not written.
        pending.removeAll { waiting[$0.id] == nil }
        guard !pending.isEmpty else { return nil }
        var weight = 0
        var count = 0
        for request in pending {
            if count > 0 && weight + request.work.weight > maximumWeightPerCommit { break }
            weight += request.work.weight
            count += 1
        }
        let group = Array(pending.prefix(count))
        pending.removeFirst(count)
        metrics?.queue(pending.count)
        return group
    }

    private func write(_ group: [Request]) async {
        do {
            // Optimistically, the whole group in one transaction.
            let started = ContinuousClock.now
            let results = try await commit(group.map(\.work))
            metrics?.committed(
                requests: group.count, rows: group.reduce(0) { $0 + $1.work.weight }, in: started.duration(to: .now))
            for (request, written) in zip(group, results) { answer(request.id, .success(written)) }
        } catch {
            // Only a request's own fault (a refused row) is worth retrying alone; when the
            // database is unreachable or slow, every retry would wait out the timeout again.
            guard group.count > 1, DatabaseErrors.map(error).code != .unavailable else {
                for request in group { answer(request.id, .failure(Self.explain(error, writing: request.work))) }
                return
            }
            // One request spoiled the group: commit each alone, so only that one fails.
            for request in group where waiting[request.id] != nil {
                do {
                    answer(request.id, .success(try await commit([request.work])[0]))
                } catch {
                    answer(request.id, .failure(Self.explain(error, writing: request.work)))
                }
            }
        }
    }

    private static func explain(_ error: any Error, writing work: Work) -> CoordinationError {
        switch work {
        case .publish(_, let caller): RecordStore.explainPublishFailure(error, caller: caller)
        case .audit: DatabaseErrors.map(error)
        }
    }

    /// How long writing a group of `weight` may take: the database's operation timeout and 2 ms a record.
    private func commitTimeout(weight: Int) -> Duration {
        database.operationTimeout + .milliseconds(2 * weight)
    }

    /// Writes every request in one transaction, in order; the audit chain is extended once.
    private func commit(_ group: [Work]) async throws -> [Written] {
        let weight = group.reduce(0) { $0 + $1.weight }
        return try await database.transaction(timeout: commitTimeout(weight: weight)) { [logger = database.logger, localTime] connection in
            var department: String?
            let results = try await AuditLog.appending(on: connection, logger: logger) { audit in
                var results: [Written] = []
                var index = 0
                while index < group.count {
                    switch group[index] {
                    case .publish(_, let caller):
                        // The caller's consecutive publications: one statement.
                        var requests: [[NewRecord]] = []
                        while index < group.count, case .publish(let records, caller) = group[index] {
                            requests.append(records)
                            index += 1
                        }
                        if caller.departmentCode != department {
                            try await AccessScope(writer: caller).apply(on: connection, logger: logger)
                            department = caller.departmentCode
                        }
                        let outcomes = try await RecordStore.insert(
                            requests, by: caller, localTime: localTime, audit: &audit, on: connection, logger: logger)
                        results += outcomes.map(Written.published)
                    case .audit(let reads):
                        results.append(.audited(reads.map { audit.append($0.event) }))
                        index += 1
                    }
                }
                return results
            }
            // Break-the-glass reads are logged for review, each by its own department, once their entries exist.
            for case (.audit(let reads), .audited(let sequences)) in zip(group, results) {
                for (read, sequence) in zip(reads, sequences) {
                    try await read.emergency?.log(auditSequence: sequence, on: connection, logger: logger)
                }
            }
            let newest = results.compactMap { written -> Int64? in
                guard case .published(let outcomes) = written else { return nil }
                return outcomes.filter { !$0.duplicate }.map(\.sequence).max()
            }.max()
            if let newest {
                try await connection.query("SELECT pg_notify(\(DatabaseWakeups.records), \(String(newest)))", logger: logger)
            }
            return results
        }
    }
}
