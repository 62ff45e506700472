import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle

/// Runs the gRPC server as a lifecycle `Service`. Logs "listening" once the socket is bound. On
/// graceful shutdown, health turns NOT_SERVING (watchers are told), then the server stops
/// accepting calls and drains.
struct GRPCServerService: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>
    let transport: HTTP2ServerTransport.Posix
    let board: HealthStatusBoard
    let logger: Logger
    /// Ends long-lived streams once the server stops accepting calls.
    let endStreams: @Sendable () async -> Void

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask {
                guard let address = try? await transport.listeningAddress else { return }
                let text = address.ipv4.map { "\($0.host):\($0.port)" } ?? address.ipv6.map { "[\($0.host)]:\($0.port)" }
                logger.notice("listening", metadata: ["address": "\(text ?? "\(address)")"])
            }
            group.addTask {
                do { try await gracefulShutdown() } catch { return }
                await board.shutDown()
                // gRPC cancels every open call when it begins to drain: health watchers get
                // their NOT_SERVING first (a stuck one holds shutdown for at most two seconds).
                await board.untilWatchesEnded(within: .seconds(2))
                server.beginGracefulShutdown()
                await endStreams()
            }
            for try await _ in group {}
        }
    }
}
