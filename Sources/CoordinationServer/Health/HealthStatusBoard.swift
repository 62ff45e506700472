/// The serving status of the server, each of its services and each installed plugin, for
/// `grpc.health.v1`.
///
/// The empty service name stands for the whole server. A plugin's service serves only while
/// the server does and the plugin is installed at the version built in. During shutdown every
/// status turns NOT_SERVING, watchers receive that, and their streams end.
actor HealthStatusBoard {
    /// A service's status.
    enum Status: Sendable, Equatable {
        case serving, notServing
    }

    private var statuses: [String: Status] = [:]
    private var pluginStatuses: [String: Status] = [:]
    private var watchers: [Int: Watcher] = [:]
    private var nextWatcher = 0
    private var isShuttingDown = false
    /// Watch handlers still writing: shutdown waits for them to send NOT_SERVING before gRPC
    /// cancels every open call.
    private var writingWatchers: Set<Int> = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    private struct Watcher {
        let service: String
        let continuation: AsyncStream<Status?>.Continuation
        var last: Status?
    }

    /// Registers `services` (and the server as a whole, ``""``) as NOT_SERVING.
    init(services: [String]) {
        for service in services + [""] { statuses[service] = .notServing }
    }

    /// The status of `service`; `nil` if it is unknown.
    func status(of service: String) -> Status? {
        if let status = statuses[service] { return status }
        guard let plugin = pluginStatuses[service] else { return nil }
        return isShuttingDown || statuses[""] != .serving ? .notServing : plugin
    }

    /// Sets every service of the server to `status`, unless shutting down.
    func setAll(_ status: Status) {
        guard !isShuttingDown else { return }
        for service in statuses.keys { statuses[service] = status }
        notifyWatchers()
    }

    /// Replaces the plugins' own statuses, by health service name; plugins left out become unknown.
    func setPlugins(_ statuses: [String: Status]) {
        pluginStatuses = statuses
        notifyWatchers()
    }

    /// Turns everything NOT_SERVING for good and ends the watch streams.
    func shutDown() {
        guard !isShuttingDown else { return }
        for service in statuses.keys { statuses[service] = .notServing }
        notifyWatchers()
        isShuttingDown = true
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    /// A stream of `service`'s status: the current one first, then each change. `nil` means the
    /// service is unknown. The stream ends at shutdown. The caller reports with
    /// ``watchEnded(_:)`` when it has written the last status it took from the stream.
    func watch(_ service: String) -> (id: Int, statuses: AsyncStream<Status?>) {
        let (stream, continuation) = AsyncStream<Status?>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let current = status(of: service)
        continuation.yield(current)
        let id = nextWatcher
        nextWatcher += 1
        if isShuttingDown {
            continuation.finish()
            return (id, stream)
        }
        writingWatchers.insert(id)
        watchers[id] = Watcher(service: service, continuation: continuation, last: current)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        return (id, stream)
    }

    /// The watch `id` has written its last status (or its call ended).
    func watchEnded(_ id: Int) {
        writingWatchers.remove(id)
        if writingWatchers.isEmpty { releaseDrainWaiters() }
    }

    /// Returns once every watch open at shutdown has written NOT_SERVING and ended, or after
    /// `limit`, whichever comes first.
    func untilWatchesEnded(within limit: Duration) async {
        guard !writingWatchers.isEmpty else { return }
        Task {
            try? await Task.sleep(for: limit)
            self.releaseDrainWaiters()
        }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    private func releaseDrainWaiters() {
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }

    private func removeWatcher(_ id: Int) { watchers[id] = nil }

    private func notifyWatchers() {
        for (id, watcher) in watchers {
            let current = status(of: watcher.service)
            guard current != watcher.last else { continue }
            watchers[id]?.last = current
            watcher.continuation.yield(current)
        }
    }
}
