import GRPCCore

/// The outermost interceptor, framing every call: it is served, its response's messages
/// included, with a ``RequestLogContext`` of its own, so that whatever is logged on its behalf
/// names it; whatever it ends with leaves as a status a client can read (``ErrorBoundary``);
/// and it is counted and timed by that status (``ServerMetrics``; a stream when its last message
/// is written).
///
/// One interceptor rather than one per concern: every interceptor level stays on the task of
/// each open stream for the stream's whole life, and the levels were most of the memory an idle
/// subscription holds.
struct CallBoundaryInterceptor: ServerInterceptor {
    let errors: ErrorBoundary
    let metrics: ServerMetrics

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let rpc = context.descriptor.fullyQualifiedMethod
        let language = CallerLanguage.of(request.metadata)
        let log = RequestLogContext(rpc: rpc)
        let start = ContinuousClock.now
        let (errors, metrics) = (self.errors, self.metrics)
        // Ends the call: counted and timed by the status it leaves with.
        let succeed: @Sendable () -> Void = {
            metrics.recordCall(rpc: rpc, code: ServerMetrics.code(of: nil), duration: start.duration(to: .now))
        }
        let fail: @Sendable (any Error) -> RPCError = { error in
            let status = errors.status(of: error, method: rpc, language: language)
            metrics.recordCall(rpc: rpc, code: ServerMetrics.code(of: status), duration: start.duration(to: .now))
            return status
        }
        return try await RequestLogContext.$current.withValue(log) {
            var response: StreamingServerResponse<Output>
            do {
                response = try await next(request, context)
            } catch {
                throw fail(error)
            }
            // A handler's thrown error arrives here already converted, in English: it is
            // converted again from its cause, in the caller's language.
            if case .failure(let error) = response.accepted {
                response.accepted = .failure(fail(error))
                return response
            }
            return response.wrappingProducer { produce in
                { writer in
                    try await RequestLogContext.$current.withValue(log) {
                        do {
                            let metadata = try await produce(writer)
                            succeed()
                            return metadata
                        } catch {
                            throw fail(error)
                        }
                    }
                }
            }
        }
    }
}
