import Synchronization

/// The server-streaming calls open on this instance, by RPC: what an operator watches to see
/// that streams end with their clients.
public final class OpenStreams: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    public init() {}

    /// Open streams by full method name (`package.Service/Method`); RPCs with none are absent.
    public var byMethod: [String: Int] { counts.withLock { $0 } }

    /// Open streams in all.
    public var total: Int { counts.withLock { $0.values.reduce(0, +) } }

    func opened(_ method: String) {
        counts.withLock { $0[method, default: 0] += 1 }
    }

    func closed(_ method: String) {
        counts.withLock { counts in
            let left = (counts[method] ?? 1) - 1
            counts[method] = left > 0 ? left : nil
        }
    }
}
