import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves ``ServerMetrics`` as Prometheus text on `GET /metrics`, over plain HTTP on its own
/// port (`metrics.host`, `metrics.port`): on the loopback interface by default, for a scraper
/// on the same host or a proxy in front of it.
final class MetricsEndpoint: Service, Sendable {
    private let host: String
    private let port: Int
    private let metrics: ServerMetrics
    private let logger: Logger
    private let bound: EventLoopPromise<Int>

    init(host: String, port: Int, metrics: ServerMetrics, logger: Logger) {
        self.host = host
        self.port = port
        self.metrics = metrics
        self.logger = logger
        bound = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Int.self)
    }

    deinit {
        // A server built but never run (its start failed) leaves no promise unfulfilled.
        bound.fail(CancellationError())
    }

    /// The port it listens on, once bound (useful with port 0).
    var listeningPort: Int {
        get async throws { try await bound.futureResult.get() }
    }

    func run() async throws {
        let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            bound.fail(error)
            throw error
        }
        let port = server.channel.localAddress?.port ?? port
        bound.succeed(port)
        logger.info("metrics listening", metadata: ["address": "http://\(host):\(port)/metrics"])
        // Shutting down cancels the listener and every open connection (scrapers keep theirs alive).
        let metrics = self.metrics
        try? await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask { try? await Self.serve(connection, metrics: metrics) }
                    }
                }
            }
        }
    }

    /// Answers each request of one connection: the metrics for `GET /metrics`, 404 otherwise.
    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, metrics: ServerMetrics
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let request):
                    head = request
                case .body:
                    break
                case .end:
                    guard let request = head else { continue }
                    let found = request.method == .GET && request.uri.split(separator: "?").first == "/metrics"
                    let body = found ? await metrics.exposition() : Array("not found: metrics are at /metrics\n".utf8)
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8")
                    headers.add(name: "Content-Length", value: "\(body.count)")
                    try await outbound.write(.head(HTTPResponseHead(version: request.version, status: found ? .ok : .notFound, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                    try await outbound.write(.end(nil))
                    guard request.isKeepAlive else { return }
                }
            }
        }
    }
}
