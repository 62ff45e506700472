import GRPCCore
import GRPCNIOTransportHTTP2

/// One call of any RPC with request messages given as bytes: what the fuzzer and the request
/// limit tests send, whatever a generated client would allow.
enum RawCall {
    /// Sends `messages` to `method` and returns the replies (at most `replyLimit`), or the
    /// status the call ended with.
    static func send(
        _ messages: [[UInt8]], to method: FuzzSchema.Method, on client: GRPCClient<HTTP2ClientTransport.Posix>,
        timeout: Duration, replyLimit: Int = 20
    ) async -> Result<[[UInt8]], RPCError> {
        var options = CallOptions.defaults
        options.timeout = timeout
        options.waitForReady = false
        let request = StreamingClientRequest<[UInt8]> { writer in
            for message in messages { try await writer.write(message) }
        }
        do {
            let replies = try await client.bidirectionalStreaming(
                request: request, descriptor: MethodDescriptor(fullyQualifiedService: method.service, method: method.name),
                serializer: RawSerializer(), deserializer: RawDeserializer(), options: options
            ) { response in
                var replies: [[UInt8]] = []
                for try await reply in response.messages.prefix(replyLimit) { replies.append(reply) }
                return replies
            }
            return .success(replies)
        } catch let error as RPCError {
            return .failure(error)
        } catch {
            return .failure(RPCError(code: .unknown, message: "\(error)"))
        }
    }
}

extension FuzzSchema {
    /// The RPC named `package.Service/Method`.
    func method(_ fullName: String) -> Method {
        guard let method = methods.first(where: { $0.fullName == fullName }) else { fatalError("no RPC \(fullName)") }
        return method
    }
}
