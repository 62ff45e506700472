import GRPCCore

/// Ends the work of every server stream with its client: when the client cancels, disconnects
/// or lets its deadline pass (or the server shuts down), gRPC cancels the RPC, and the stream's
/// producer is cancelled at once — a stream that has nothing to write would otherwise never learn
/// that nobody is listening. Counts the open streams in ``OpenStreams``, through which a stream
/// whose certificate is revoked (or whose department is disabled) is ended with UNAUTHENTICATED.
struct StreamLifetimeInterceptor: ServerInterceptor {
    let schema: RequestSchema
    let streams: OpenStreams

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let method = context.descriptor.fullyQualifiedMethod
        let response = try await next(request, context)
        guard schema.methods[method]?.serverStreaming == true else { return response }
        let (streams, cancellation) = (self.streams, context.cancellation)
        let caller = (context.transportSpecific as? CallerContext)?.caller
        return response.wrappingProducer { produce in
            { writer in
                // The stream's work runs in one task, which the call's cancellation, a barred
                // certificate and the cancellation of this one each cancel.
                let work = Task { try await produce(writer) }
                let ticket = streams.opened(method, by: caller) { work.cancel() }
                defer { streams.closed(ticket) }
                do {
                    let metadata = try await withRPCCancellationHandler {
                        try await withTaskCancellationHandler {
                            try await work.value
                        } onCancel: {
                            work.cancel()
                        }
                    } onCancelRPC: {
                        work.cancel()
                    }
                    // A stream may end quietly when cancelled; a barred one ends with the refusal.
                    if let barred = streams.barredWith(ticket) { throw barred }
                    return metadata
                } catch {
                    if let barred = streams.barredWith(ticket) { throw barred }
                    if cancellation.isCancelled { throw RPCError(code: .cancelled, message: "the call ended") }
                    throw error
                }
            }
        }
    }
}
