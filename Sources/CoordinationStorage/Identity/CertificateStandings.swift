import CoordinationCore
import Logging
import ServiceLifecycle

/// Whether certificates may call, answered from memory on every call: a copy of the
/// ``StandingSnapshot``, reloaded as soon as anything changes it on any instance (the database
/// notifies `coord_standing`) and at least every `refreshInterval`.
///
/// A copy older than `maximumAge` — the database unreachable, notifications lost — is not
/// trusted: calls wait for a reload and are refused UNAVAILABLE if it fails (fail closed). A
/// refusal is confirmed against a fresh reload before it is given, so a department registered
/// a moment ago on another instance is not turned away.
public actor CertificateStandings: Service {
    private let registry: CertificateRegistry
    private let wakeups: DatabaseWakeups
    private let refreshInterval: Duration
    private let maximumAge: Duration
    private let logger: Logger
    private var snapshot: StandingSnapshot?
    private var loadedAt: ContinuousClock.Instant?
    /// Counts invalidations; a read serves only callers who came after the last one before it began.
    private var generation = 0
    private var reloading: (generation: Int, task: Task<StandingSnapshot, any Error>)?
    private var watchers: [Int: AsyncStream<Void>.Continuation] = [:]
    private var nextWatcher = 0

    public init(
        registry: CertificateRegistry, wakeups: DatabaseWakeups, refreshInterval: Duration, maximumAge: Duration,
        logger: Logger
    ) {
        self.registry = registry
        self.wakeups = wakeups
        self.refreshInterval = refreshInterval
        self.maximumAge = maximumAge
        self.logger = logger
    }

    /// The standing of `caller`'s certificate.
    public func standing(of caller: Caller) async throws(CoordinationError) -> CertificateRegistry.Standing {
        let standing = try await current().standing(of: caller)
        guard standing != .admitted else { return standing }
        return try await reload().standing(of: caller)
    }

    /// The standing of each of `callers`' certificates, from the copy in memory.
    public func standings(of callers: Set<Caller>) async throws(CoordinationError) -> [Caller: CertificateRegistry.Standing] {
        let snapshot = try await current()
        return Dictionary(uniqueKeysWithValues: callers.map { ($0, snapshot.standing(of: $0)) })
    }

    /// Forgets the copy: something changed it (this instance has just written, or a
    /// notification came), so no call may be answered from a copy read before now.
    public func invalidate() {
        generation += 1
        loadedAt = nil
    }

    /// A stream that yields after every reload that changed the copy, for whoever must act on
    /// a revocation at once (open streams), and ends at shutdown.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextWatcher
        nextWatcher += 1
        watchers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unwatch(id) } }
        return stream
    }

    private func unwatch(_ id: Int) { watchers[id] = nil }

    /// The copy, reloaded first if it is older than `maximumAge` or was invalidated.
    private func current() async throws(CoordinationError) -> StandingSnapshot {
        if let snapshot, let loadedAt, ContinuousClock.now - loadedAt < maximumAge { return snapshot }
        return try await reload()
    }

    /// Reloads the copy. Concurrent callers share one read, unless it began before the copy was
    /// last invalidated: then it is let finish, and read again.
    @discardableResult
    private func reload() async throws(CoordinationError) -> StandingSnapshot {
        let needed = generation
        while let inFlight = reloading {
            if inFlight.generation >= needed {
                do { return try await inFlight.task.value } catch { throw Self.unavailable(error) }
            }
            _ = try? await inFlight.task.value
            if reloading?.task == inFlight.task { reloading = nil }
        }
        let (started, startedGeneration) = (ContinuousClock.now, generation)
        let task = Task { [registry] in try await registry.snapshot() }
        reloading = (startedGeneration, task)
        defer { if reloading?.task == task { reloading = nil } }
        do {
            let fresh = try await task.value
            if fresh != snapshot {
                for watcher in watchers.values { watcher.yield() }
            }
            snapshot = fresh
            // Invalidated while reading: the next call reads again.
            loadedAt = generation == startedGeneration ? started : nil
            return fresh
        } catch {
            throw Self.unavailable(error)
        }
    }

    private static func unavailable(_ error: any Error) -> CoordinationError {
        (error as? CoordinationError) ?? CoordinationError(
            code: .unavailable, message: "whether certificates may call cannot be confirmed now; try again shortly")
    }

    public func run() async throws {
        let changes = await wakeups.subscribe()
        do {
            try await cancelWhenGracefulShutdown { [self] in
                try await StreamPump.run(wakeups: changes, fallback: refreshInterval) {
                    do {
                        await self.invalidate()
                        try await self.reload()
                    } catch {
                        self.logger.warning("certificate standings not reloaded", metadata: ["error": "\(error)"])
                    }
                }
            }
        } catch is CancellationError {}
        for watcher in watchers.values { watcher.finish() }
        watchers.removeAll()
    }
}
