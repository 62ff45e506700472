/// The serving status of the server and each of its services, for `grpc.health.v1`.
///
/// The empty service name stands for the whole server. During shutdown every status turns
/// NOT_SERVING, watchers receive that, and their streams end.
actor HealthStatusBoard {
    /// A service's status.
    enum Status: Sendable, Equatable {
        case serving, notServing
    }

    private var statuses: [String: Status] = [:]
    private var watchers: [Int: (service: String, continuation: AsyncStream<Status?>.Continuation)] = [:]
    private var nextWatcher = 0
    private var isShuttingDown = false

    /// Registers `services` (and the server as a whole, ``""``) as NOT_SERVING.
    init(services: [String]) {
        for service in services + [""] { statuses[service] = .notServing }
    }

    /// The status of `service`; `nil` if it is unknown.
    func status(of service: String) -> Status? { statuses[service] }

    /// Sets every known service to `status`, unless shutting down.
    func setAll(_ status: Status) {
        guard !isShuttingDown else { return }
        for service in statuses.keys { update(service, to: status) }
    }

    /// Turns everything NOT_SERVING for good and ends the watch streams.
    func shutDown() {
        guard !isShuttingDown else { return }
        for service in statuses.keys { update(service, to: .notServing) }
        isShuttingDown = true
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    /// A stream of `service`'s status: the current one first, then each change. `nil` means the
    /// service is unknown. The stream ends at shutdown.
    func watch(_ service: String) -> AsyncStream<Status?> {
        let (stream, continuation) = AsyncStream<Status?>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.yield(statuses[service])
        if isShuttingDown {
            continuation.finish()
            return stream
        }
        let id = nextWatcher
        nextWatcher += 1
        watchers[id] = (service, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        return stream
    }

    private func removeWatcher(_ id: Int) { watchers[id] = nil }

    private func update(_ service: String, to status: Status) {
        guard statuses[service] != status else { return }
        statuses[service] = status
        for watcher in watchers.values where watcher.service == service {
            watcher.continuation.yield(status)
        }
    }
}
