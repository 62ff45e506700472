import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import SwiftProtobuf

/// The bare peer: a unary echo over the same mutual TLS, with no interceptor and no database.
struct EchoPeer: RegistrableRPCService {
    static let method = MethodDescriptor(fullyQualifiedService: "coordination.bench.Echo", method: "Echo", type: .unary)

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Self.method,
            deserializer: ProtobufDeserializer<Google_Protobuf_BytesValue>(),
            serializer: ProtobufSerializer<Google_Protobuf_BytesValue>()
        ) { request, _ in
            let single = try await ServerRequest(stream: request)
            return StreamingServerResponse(single: ServerResponse(message: single.message))
        }
    }

    /// One echo call.
    static func call(_ client: GRPCClient<HTTP2ClientTransport.Posix>, payload: Google_Protobuf_BytesValue) async throws {
        _ = try await client.unary(
            request: ClientRequest(message: payload), descriptor: method,
            serializer: ProtobufSerializer<Google_Protobuf_BytesValue>(),
            deserializer: ProtobufDeserializer<Google_Protobuf_BytesValue>(),
            options: .defaults
        ) { try $0.message }
    }
}
