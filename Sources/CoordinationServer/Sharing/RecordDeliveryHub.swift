import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import ServiceLifecycle

/// Delivers newly committed records to this instance's open record subscriptions, grouped by
/// what they may see: subscriptions with the same access scope (department, purpose, legal
/// basis, referral) and type filter form one group.
///
/// On a commit signal (the records channel, heard once for the instance) or the hub's one
/// fallback timer, each group with something new runs one scoped read from the earliest of its
/// members' positions: the policy is decided once, what each member is shown is audited in one
/// commit naming each recipient, and each event is built once and handed to every member.
///
/// A subscription catches up on its own first, in pages, then joins its group. A member whose
/// buffer fills — a client slower than the records come — is let go: it catches up on its own
/// again from its last record and rejoins, without holding the others back.
actor RecordDeliveryHub: Service {
    /// What makes subscriptions see the same records the same way.
    struct GroupKey: Hashable {
        var scope: AccessScope
        var recordType: String?
    }

    /// One wave's events for a member, each encoded once for every member, and how far the wave looked.
    struct Delivery: Sendable {
        var events: [(sequence: Int64, event: EncodedRecordEvent)]
        var through: Int64
    }

    /// A live subscription's stream of deliveries; it ends when the member is let go or the
    /// server shuts down (``isShutDown``), and fails with the error that ended its group's read.
    typealias Deliveries = AsyncThrowingStream<Delivery, any Error>

    private struct Member {
        var context: ReadContext
        /// Everything up to here has been handed to it, or was not for it.
        var position: Int64
        var continuation: Deliveries.Continuation
    }

    private struct Group {
        var members: [Int: Member] = [:]
        let signal: AsyncStream<Void>.Continuation
        let task: Task<Void, Never>
    }

    private let store: RecordStore
    private let wakeups: DatabaseWakeups
    private let fallbackInterval: Duration
    /// Waves a member may have waiting before it is let go.
    private let bufferedWaves: Int
    private var groups: [GroupKey: Group] = [:]
    private var nextMember = 0
    /// The server is shutting down: subscriptions end, and clients resume elsewhere.
    private(set) var isShutDown = false

    init(store: RecordStore, wakeups: DatabaseWakeups, fallbackInterval: Duration, bufferedWaves: Int = 64) {
        self.store = store
        self.wakeups = wakeups
        self.fallbackInterval = fallbackInterval
        self.bufferedWaves = bufferedWaves
    }

    /// Joins the live group of `context` and `recordType` at `position` (the subscription has
    /// seen everything up to it); `nil` once the server is shutting down.
    func join(_ context: ReadContext, recordType: String?, at position: Int64) -> Deliveries? {
        guard !isShutDown else { return nil }
        let key = GroupKey(scope: AccessScope(reader: context), recordType: recordType)
        let (stream, continuation) = Deliveries.makeStream(bufferingPolicy: .bufferingOldest(bufferedWaves))
        let id = nextMember
        nextMember += 1
        continuation.onTermination = { _ in Task { await self.leave(id, of: key) } }
        if groups[key] == nil {
            let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            let task = Task { for await _ in signals { await self.wave(key) } }
            groups[key] = Group(signal: signal, task: task)
        }
        groups[key]?.members[id] = Member(context: context, position: position, continuation: continuation)
        // Whatever committed while it caught up.
        groups[key]?.signal.yield()
        return stream
    }

    private func leave(_ id: Int, of key: GroupKey) {
        guard groups[key]?.members.removeValue(forKey: id) != nil, groups[key]?.members.isEmpty == true else { return }
        groups[key]?.signal.finish()
        groups[key]?.task.cancel()
        groups[key] = nil
    }

    /// Reads what committed past the group's members, in pages, and hands it to each.
    private func wave(_ key: GroupKey) async {
        while let members = groups[key]?.members, let earliest = members.values.map(\.position).min(),
              await wakeups.mayHaveNews(after: earliest)
        {
            let query = RecordQuery(recordType: key.recordType, afterSequence: earliest, limit: 200)
            let page: RecordStore.Page
            let events: [(sequence: Int64, event: EncodedRecordEvent)]
            do {
                page = try await store.deliver(query, to: members.values.map { ($0.context, $0.position) })
                events = try page.records.map { record in (record.sequence, try EncodedRecordEvent(record)) }
            } catch {
                // The read failed for all of them alike (the database, a referral closed).
                for (id, member) in members {
                    groups[key]?.members[id] = nil
                    member.continuation.finish(throwing: error)
                }
                return
            }
            let through = page.lastSequence ?? earliest
            for (id, member) in members where groups[key]?.members[id] != nil {
                let shown = events.filter { $0.sequence > member.position }
                groups[key]?.members[id]?.position = max(member.position, through)
                guard !shown.isEmpty else { continue }
                if case .dropped = member.continuation.yield(Delivery(events: shown, through: through)) {
                    // Too slow to keep up live: it catches up on its own.
                    groups[key]?.members[id] = nil
                    member.continuation.finish()
                }
            }
            guard page.hasMore else { return }
        }
    }

    func run() async throws {
        let commits = await wakeups.subscribe()
        do {
            try await cancelWhenGracefulShutdown { [self] in
                try await StreamPump.run(wakeups: commits, fallback: fallbackInterval) {
                    await self.signalAll()
                }
            }
        } catch is CancellationError {}
        shutDown()
        // The server's drain ended the wake-ups first; a service runs until it is told to stop.
        try? await gracefulShutdown()
    }

    private func signalAll() {
        for group in groups.values { group.signal.yield() }
    }

    private func shutDown() {
        isShutDown = true
        for group in groups.values {
            group.signal.finish()
            group.task.cancel()
            for member in group.members.values { member.continuation.finish() }
        }
        groups.removeAll()
    }
}
