import ArgumentParser
import CoordinationAPI
import CoordinationClient
import Foundation
import GRPCCore
import Synchronization

/// Keeps a watch (`alert watch`, `record watch`, `notice watch`, `meeting live`) going across
/// server restarts and outages, so that a watcher never ends silently: when the stream ends
/// without the watcher having asked, or the server cannot be reached, it says so on standard
/// error, tries again with backoff (0.5 s doubling to 10 s), and says when it is back and how
/// long the gap was. It gives up — exit 1, with the reason — only after `maxWait` without the
/// server, if given. Errors that waiting cannot mend (a refused certificate, a bad request)
/// end it at once.
struct Reconnecting {
    /// How a watch attempt ended.
    enum Ending {
        /// The watcher has what it asked for (`--exit-after`).
        case done
        /// The server ended the stream (a restart or a shutdown): follow it again.
        case endedByServer
    }

    let maxWait: Duration?
    /// Where the watcher connects, for messages.
    let address: String
    /// Whether the server answers SERVING now.
    let reachable: () async -> Bool

    /// Runs `attempt` until it is `.done`. Its failures arrive as ``CLIError``s
    /// (``ConnectionOptions/withClient(_:)`` turns every RPC error into one).
    func run(_ attempt: () async throws -> Ending) async throws {
        var lostAt: ContinuousClock.Instant?
        var lostWallClock = Date()
        var delay = Duration.milliseconds(500)
        var reason = ""
        while true {
            do {
                if try await attempt() == .done { return }
                reason = tr("the server ended the stream")
            } catch let error as CLIError where error.transient {
                reason = error.description
            }
            if lostAt == nil {
                lostAt = .now
                lostWallClock = Date()
                delay = .milliseconds(500)
                Self.say(tr("connection to \(address) lost at \(Output.timestamp(lostWallClock)) (\(reason)); reconnecting…"))
            }
            if let maxWait, let lostAt, lostAt.duration(to: .now) >= maxWait {
                throw CLIError(tr("gave up after \(Self.seconds(lostAt.duration(to: .now))) without the server at \(address) (--max-wait): \(reason)"))
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
            if let lost = lostAt, await reachable() {
                Self.say(tr("reconnected to \(address) after \(Self.seconds(lost.duration(to: .now))) (gap since \(Output.timestamp(lostWallClock))); resuming"))
                lostAt = nil
            }
        }
    }

    private static func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private static func seconds(_ duration: Duration) -> String {
        "\(duration.components.seconds) s"
    }
}

/// `--max-wait`, for every watch.
struct ReconnectOptions: ParsableArguments {
    @Option(help: .tr("Give up (exit 1) after this many seconds without the server; by default a watch reconnects for ever."))
    var maxWait: Int?

    func validate() throws {
        if let maxWait, maxWait < 1 { throw ValidationError(tr("--max-wait must be at least 1 second")) }
    }
}

/// What a watch carries from one connection to the next: the last cursor, the alerts seen.
final class WatchMemory<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) {
        state = Mutex(value)
    }

    var value: Value { state.withLock { $0 } }

    func update(_ body: (inout Value) -> Void) {
        state.withLock { body(&$0) }
    }
}

extension ConnectionOptions {
    /// Reconnects to this server with `options`.
    func reconnecting(_ options: ReconnectOptions) throws -> Reconnecting {
        let (host, port) = try endpoint()
        return Reconnecting(maxWait: options.maxWait.map { .seconds($0) }, address: "\(host):\(port)") {
            var call = CallOptions.defaults
            call.timeout = .seconds(3)
            let status = try? await with(Grpc_Health_V1_Health.self) { [call] in try await $0.check(.init(), options: call).status }
            return status == .serving
        }
    }
}
