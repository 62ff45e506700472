import CoordinationCore
import GRPCCore
import SwiftProtobuf

/// The one validation edge: every request message of every RPC is checked against the limits
/// the API's descriptors declare (``RequestSchema``, ``FieldLimits``) before a handler reads it,
/// so nothing out of range reaches a store, the database or the Foundation types behind them.
///
/// A message that breaks a limit fails the call with INVALID_ARGUMENT and a field violation per
/// offending field; values are never repeated back. A call to an RPC that takes one request
/// message and receives none or several fails the same way.
struct ValidationInterceptor: ServerInterceptor {
    let schema: RequestSchema
    let clock: any CoordinationClock
    /// The message type of a record type name, to check the record inside a publish request.
    let recordType: @Sendable (String) -> (any SwiftProtobuf.Message.Type)?

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let method = schema.methods[context.descriptor.fullyQualifiedMethod]
        var request = request
        request.messages = RPCAsyncSequence(wrapping: CheckedMessages(
            base: request.messages, isSingle: method.map { !$0.clientStreaming } ?? false,
            check: { [self] message, index in try self.check(message, index: index) }))
        return try await next(request, context)
    }

    /// Throws INVALID_ARGUMENT naming every field of `message` outside its limits. Messages of
    /// a client stream are named by their position (`request[3].record.student_name`).
    func check(_ message: some Sendable, index: Int?) throws(CoordinationError) {
        guard let message = message as? any SwiftProtobuf.Message else { return }
        var visitor = LimitsVisitor(schema: schema, now: clock.now(), recordType: recordType)
        visitor.walk(message, prefix: index.map { "request[\($0)]." } ?? "")
        guard visitor.violations.isEmpty else { throw .invalidArguments(visitor.violations) }
    }
}

/// The request messages of one call, each checked before the handler sees it, and counted:
/// an RPC with a single request message must receive exactly one.
private struct CheckedMessages<Element: Sendable>: AsyncSequence, Sendable {
    let base: RPCAsyncSequence<Element, any Error>
    let isSingle: Bool
    let check: @Sendable (Element, Int?) throws -> Void

    func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), isSingle: isSingle, check: check)
    }

    struct Iterator: AsyncIteratorProtocol {
        var base: RPCAsyncSequence<Element, any Error>.AsyncIterator
        let isSingle: Bool
        let check: @Sendable (Element, Int?) throws -> Void
        var received = 0

        mutating func next() async throws -> Element? {
            guard let message = try await base.next() else {
                if isSingle && received == 0 {
                    throw CoordinationError(code: .invalidArgument, message: "the call carried no request message")
                }
                return nil
            }
            received += 1
            if isSingle && received > 1 {
                throw CoordinationError(code: .invalidArgument, message: "this RPC takes exactly one request message")
            }
            try check(message, isSingle ? nil : received - 1)
            return message
        }
    }
}
