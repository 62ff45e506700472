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
        let isHealthCheck = context.descriptor.service == Grpc_Health_V1_Health.descriptor
        if await board.status(of: "") == .serving {
            // Health must answer even if the database fails now; other calls fail with it.
            let revoked = isHealthCheck
                ? (try? await revocations.isRevoked(serial: caller.certificateSerial)) == true
                : try await revocations.isRevoked(serial: caller.certificateSerial)
            if revoked {
                logger.notice("refused revoked certificate", metadata: ["serial": "\(caller.certificateSerial)"])
                throw RPCError(code: .unauthenticated, message: "certificate \(caller.certificateSerial) has been revoked")
            }
        } else if !isHealthCheck {
            throw RPCError(
                code: .unavailable,
                message: "the server is not serving: its database is unavailable or not migrated yet; try again shortly")
        }
        var context = context
        context.transportSpecific = CallerContext(caller: caller)
        return try await next(request, context)
    }
}
