import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import CoordinationAPI
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging

/// Turns the verified client certificate into a ``Caller`` for every call, and refuses
/// certificates that carry no identity, have been revoked, or act for a department that is not
/// registered or is disabled. The first call of a certificate makes it known to the deployment.
///
/// The TLS handshake has already refused missing, foreign, expired and not-yet-valid
/// certificates; this is the one place that decides who is calling.
struct IdentityInterceptor: ServerInterceptor {
    let certificates: CertificateRegistry
    let standings: CertificateStandings
    let known: KnownCertificates
    let board: HealthStatusBoard
    let logger: Logger

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard let certificate = (context.transportSpecific as? HTTP2ServerTransport.Posix.Context)?.peerCertificate
        else {
            throw CoordinationError(code: .unauthenticated, message: "a client certificate issued by this deployment's CA is required")
        }
        guard let caller = CertificateIdentity.caller(from: certificate) else {
            throw CoordinationError(
                code: .unauthenticated,
                message: "the client certificate names no department system or person (missing coord: URI)")
        }
        RequestLogContext.current?.identified(caller)
        let isHealthCheck = context.descriptor.service == Grpc_Health_V1_Health.descriptor
        if await board.status(of: "") == .serving {
            // Health must answer even if the database fails now; other calls fail with it.
            let standing = isHealthCheck
                ? (try? await standings.standing(of: caller)) ?? .admitted
                : try await standings.standing(of: caller)
            if let refusal = Self.refusal(standing, of: caller) {
                logger.notice("refused certificate", metadata: ["serial": "\(caller.certificateSerial)", "reason": "\(refusal.message.description)"])
                throw refusal
            }
            if !isHealthCheck, known.isNew(caller.certificateSerial) {
                try await certificates.register(.init(caller: caller, notAfter: certificate.notValidAfter, source: .call))
                known.add(caller.certificateSerial)
            }
        } else if !isHealthCheck {
            throw CoordinationError(
                code: .unavailable,
                message: "the server is not serving: its database is unavailable or not migrated yet; try again shortly")
        }
        var context = context
        context.transportSpecific = CallerContext(caller: caller, language: CallerLanguage.of(request.metadata))
        return try await next(request, context)
    }

    /// The UNAUTHENTICATED error for a certificate that may not call, or `nil` if it may.
    static func refusal(_ standing: CertificateRegistry.Standing, of caller: Caller) -> CoordinationError? {
        switch standing {
        case .admitted:
            return nil
        case .revoked:
            return CoordinationError(code: .unauthenticated, message: "certificate \(caller.certificateSerial) has been revoked")
        case .unknownDepartment:
            return CoordinationError(
                code: .unauthenticated,
                message: "certificate \(caller.certificateSerial) acts for department '\(caller.departmentCode)', which is not registered here")
        case .disabledDepartment(let reason):
            return CoordinationError(
                code: .unauthenticated,
                message: reason.isEmpty
                    ? "department '\(caller.departmentCode)' is disabled; its certificates are refused"
                    : "department '\(caller.departmentCode)' is disabled (\(reason)); its certificates are refused")
        }
    }
}
