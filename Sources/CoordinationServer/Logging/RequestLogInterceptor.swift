import GRPCCore

/// The outermost interceptor: serves each call, its response's messages included, with a
/// ``RequestLogContext`` of its own, so that whatever is logged on its behalf names it.
struct RequestLogInterceptor: ServerInterceptor {
    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let log = RequestLogContext(rpc: context.descriptor.fullyQualifiedMethod)
        return try await RequestLogContext.$current.withValue(log) {
            try await next(request, context)
        }.wrappingProducer { produce in
            { writer in try await RequestLogContext.$current.withValue(log) { try await produce(writer) } }
        }
    }
}
