import GRPCCore

extension StreamingServerResponse {
    /// The producer of the response's messages, in whatever form the server needs it.
    typealias Producer = @Sendable (RPCWriter<Message>) async throws -> Metadata

    /// This response with its producer replaced by `wrap(producer)`; a refused response is
    /// returned as it is.
    func wrappingProducer(_ wrap: (@escaping Producer) -> Producer) -> Self {
        guard case .success(var contents) = accepted else { return self }
        contents.producer = wrap(contents.producer)
        var response = self
        response.accepted = .success(contents)
        return response
    }
}
