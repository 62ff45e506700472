import CoordinationAPI
import CoordinationCore
import GRPCCore

/// `grpc.health.v1.Health`: Check and Watch over the ``HealthStatusBoard``.
struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    let board: HealthStatusBoard

    func check(
        request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = await board.status(of: request.service) else {
            throw CoordinationError(code: .notFound, message: "no service named '\(request.service)' reports health here")
        }
        return .with { $0.status = Self.wire(status) }
    }

    func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        let watch = await board.watch(request.service)
        do {
            for await status in watch.statuses {
                try await response.write(.with { $0.status = status.map(Self.wire) ?? .serviceUnknown })
            }
        } catch {
            await board.watchEnded(watch.id)
            throw error
        }
        await board.watchEnded(watch.id)
    }

    private static func wire(_ status: HealthStatusBoard.Status) -> Grpc_Health_V1_HealthCheckResponse.ServingStatus {
        switch status {
        case .serving: return .serving
        case .notServing: return .notServing
        }
    }
}
