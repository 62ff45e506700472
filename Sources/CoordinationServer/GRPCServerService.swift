import GRPCCore
import GRPCNIOTransportHTTP2
import ServiceLifecycle

/// Runs the gRPC server as a lifecycle `Service`. On graceful shutdown, health turns
/// NOT_SERVING (watchers are told), then the server stops accepting calls and drains.
struct GRPCServerService: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>
    let board: HealthStatusBoard
    /// Ends long-lived streams once the server stops accepting calls.
    let endStreams: @Sendable () async -> Void

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask {
                do { try await gracefulShutdown() } catch { return }
                await board.shutDown()
                server.beginGracefulShutdown()
                await endStreams()
            }
            for try await _ in group {}
        }
    }
}
