import CoordinationCore
import GRPCCore
import Synchronization

/// The server-streaming calls open on this instance: what an operator watches to see that
/// streams end with their clients, and how a stream whose certificate may no longer call is
/// ended at once.
public final class OpenStreams: Sendable {
    private struct Stream {
        let method: String
        let caller: Caller?
        /// Set when the stream is to end with this error.
        var barredWith: RPCError?
        /// Whoever waits for the stream to be barred.
        var waiter: CheckedContinuation<Void, Never>?
        var waitCancelled = false
    }

    private struct State {
        var streams: [Int: Stream] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Open streams by full method name (`package.Service/Method`); RPCs with none are absent.
    public var byMethod: [String: Int] {
        state.withLock { $0.streams.values.reduce(into: [:]) { $0[$1.method, default: 0] += 1 } }
    }

    /// Open streams in all.
    public var total: Int { state.withLock { $0.streams.count } }

    /// The callers with a stream open.
    var callers: Set<Caller> { state.withLock { Set($0.streams.values.compactMap(\.caller)) } }

    /// Counts a stream of `method` opened by `caller`; returns its ticket.
    func opened(_ method: String, by caller: Caller?) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.streams[state.nextID] = Stream(method: method, caller: caller)
            return state.nextID
        }
    }

    func closed(_ ticket: Int) {
        let waiter = state.withLock { $0.streams.removeValue(forKey: ticket)?.waiter }
        waiter?.resume()
    }

    /// Ends every open stream of `caller` with `error`.
    func bar(_ caller: Caller, with error: RPCError) {
        let waiters = state.withLock { state in
            var waiters: [CheckedContinuation<Void, Never>] = []
            for (ticket, stream) in state.streams where stream.caller == caller && stream.barredWith == nil {
                state.streams[ticket]?.barredWith = error
                if let waiter = stream.waiter { waiters.append(waiter) }
                state.streams[ticket]?.waiter = nil
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when stream `ticket` is barred, throwing its error; throws `CancellationError`
    /// when the waiting task is cancelled first.
    func untilBarred(_ ticket: Int) async throws {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard let stream = state.streams[ticket], stream.barredWith == nil, !stream.waitCancelled else { return true }
                    state.streams[ticket]?.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.streams[ticket]?.waitCancelled = true
                defer { state.streams[ticket]?.waiter = nil }
                return state.streams[ticket]?.waiter
            }
            waiter?.resume()
        }
        if let error = state.withLock({ $0.streams[ticket]?.barredWith }) { throw error }
        throw CancellationError()
    }
}
