import CoordinationCore
import GRPCCore

/// Asks the server for its messages in `language`: every call carries `accept-language`.
public struct AcceptLanguage: ClientInterceptor {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        request.metadata.replaceOrAddString(language.rawValue, forKey: "accept-language")
        return try await next(request, context)
    }
}
