import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import CoordinationAPI
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging

/// Turns the verified client certificate into a ``Caller`` for every call, and refuses
/// certificates that carry no identity or have been revoked.
///
/// The TLS handshake has already refused missing, foreign, expired and not-yet-valid
/// certificates; this is the one place that decides who is calling.
struct IdentityInterceptor: ServerInterceptor {
    let revocations: RevocationStore
    let board: HealthStatusBoard
    let logger: Logger

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard let certificate = (context.transportSpecific as? HTTP2ServerTransport.Posix.Context)?.peerCertificate
        else {
            throw RPCError(code: .unauthenticated, message: "a client certificate issued by this deployment's CA is required")
        }
        guard let caller = CertificateIdentity.caller(from: certificate) else {
            throw RPCError(
                code: .unauthenticated,
                message: "the client certificate names no department system or person (missing coord: URI)")
        }
        if context.descriptor.service == Grpc_Health_V1_Health.descriptor {
            // Health reveals nothing and must answer NOT_SERVING even when the database cannot
            // say who is revoked; a revoked certificate is still refused when it can.
            if (try? await revocations.isRevoked(serial: caller.certificateSerial)) == true {
                throw Self.revoked(caller)
            }
        } else if await board.status(of: "") != .serving {
            throw RPCError(
                code: .unavailable,
                message: "the server is not serving: its database is unavailable or not migrated yet; try again shortly")
        } else if try await revocations.isRevoked(serial: caller.certificateSerial) {
            logger.notice("refused revoked certificate", metadata: ["serial": "\(caller.certificateSerial)"])
            throw Self.revoked(caller)
        }
        var context = context
        context.transportSpecific = CallerContext(caller: caller)
        return try await next(request, context)
    }

    private static func revoked(_ caller: Caller) -> RPCError {
        RPCError(code: .unauthenticated, message: "certificate \(caller.certificateSerial) has been revoked")
    }
}
