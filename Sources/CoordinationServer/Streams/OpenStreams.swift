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
        var barredWith: CoordinationError?
        /// Ends the stream's work; called once, when it is barred.
        let end: @Sendable () -> Void
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

    /// Counts a stream of `method` opened by `caller`, whose work `end` ends; returns its ticket.
    func opened(_ method: String, by caller: Caller?, end: @escaping @Sendable () -> Void) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.streams[state.nextID] = Stream(method: method, caller: caller, end: end)
            return state.nextID
        }
    }

    func closed(_ ticket: Int) {
        _ = state.withLock { $0.streams.removeValue(forKey: ticket) }
    }

    /// Ends every open stream of `caller` with `error`.
    func bar(_ caller: Caller, with error: CoordinationError) {
        let ends = state.withLock { state in
            var ends: [@Sendable () -> Void] = []
            for (ticket, stream) in state.streams where stream.caller == caller && stream.barredWith == nil {
                state.streams[ticket]?.barredWith = error
                ends.append(stream.end)
            }
            return ends
        }
        for end in ends { end() }
    }

    /// The error stream `ticket` was barred with, if it was.
    func barredWith(_ ticket: Int) -> CoordinationError? {
        state.withLock { $0.streams[ticket]?.barredWith }
    }
}
