import GRPCCore

/// Counts and times every call, by RPC and the status it ended with (a stream: when its last
/// message is written).
struct MetricsInterceptor: ServerInterceptor {
    let metrics: ServerMetrics

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let rpc = context.descriptor.fullyQualifiedMethod
        let start = ContinuousClock.now
        let metrics = self.metrics
        let record: @Sendable ((any Error)?) -> Void = { error in
            metrics.recordCall(rpc: rpc, code: Self.code(of: error), duration: start.duration(to: .now))
        }
        let response: StreamingServerResponse<Output>
        do {
            response = try await next(request, context)
        } catch {
            record(error)
            throw error
        }
        if case .failure(let error) = response.accepted {
            record(error)
            return response
        }
        return response.wrappingProducer { produce in
            { writer in
                do {
                    let metadata = try await produce(writer)
                    record(nil)
                    return metadata
                } catch {
                    record(error)
                    throw error
                }
            }
        }
    }

    /// The status name a call ended with: `ok`, or e.g. `permissionDenied`.
    static func code(of error: (any Error)?) -> String {
        guard let error else { return "ok" }
        if let status = error as? RPCError { return "\(status.code)" }
        if let convertible = error as? any RPCErrorConvertible { return "\(convertible.rpcErrorCode)" }
        return "unknown"
    }
}
