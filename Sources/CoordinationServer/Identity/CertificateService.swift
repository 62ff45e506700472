import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import GRPCCore
import Foundation
import SwiftProtobuf

/// `coordination.admin.v1.CertificateService`: revocation, stored in PostgreSQL.
struct CertificateService: Admin_CertificateService.SimpleServiceProtocol {
    let registry: CertificateRegistry
    /// Told of a revocation made here, so the next call sees it.
    let standings: CertificateStandings
    /// The CAs whose certificates may be handed in with a revocation.
    let authorities: TrustedAuthorities

    func revokeCertificate(
        request: Admin_RevokeCertificateRequest, context: ServerContext
    ) async throws -> Admin_RevokedCertificate {
        let caller = try context.caller(requiring: .certificatesManage)
        guard let serial = CertificateSerial.normalise(request.serial) else {
            throw CoordinationError.invalidArgument(field: "serial", "must be the certificate's hex serial number")
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CoordinationError.invalidArgument(field: "reason", "is required") }
        guard serial != caller.certificateSerial else {
            throw CoordinationError(
                code: .failedPrecondition, message: "refusing to revoke the certificate making this call")
        }
        var handedIn: CertificateRegistry.Known?
        if !request.certificatePem.isEmpty {
            let identity: (caller: Caller, notAfter: Date)
            do {
                identity = try authorities.identity(ofIssued: request.certificatePem)
            } catch {
                throw CoordinationError.invalidArgument(field: "certificate_pem", Localized(verbatim: error.description))
            }
            guard identity.caller.certificateSerial == serial else {
                throw CoordinationError.invalidArgument(
                    field: "certificate_pem", "is certificate \(identity.caller.certificateSerial), not \(serial)")
            }
            handedIn = .init(caller: identity.caller, notAfter: identity.notAfter, source: .ledger)
        }
        let revocation = try await registry.revoke(serial: serial, reason: reason, by: caller.name, certificate: handedIn)
        await standings.invalidate()
        return Self.proto(revocation)
    }

    func listRevokedCertificates(
        request: Admin_ListRevokedCertificatesRequest, context: ServerContext
    ) async throws -> Admin_ListRevokedCertificatesResponse {
        _ = try context.caller(requiring: .certificatesManage)
        let limit = try PageSize.limit(request.pageSize)
        let after = try StreamCursor.revocations.decode(request.cursor, keys: 2).map { keys throws(CoordinationError) in
            guard let microseconds = Int64(keys[0]) else {
                throw CoordinationError.invalidArgument(field: "cursor", "is not a revocations cursor this server returned")
            }
            return (microseconds: microseconds, serial: keys[1])
        }
        let (revocations, next) = try await registry.revocations(after: after, limit: limit)
        return .with {
            $0.certificates = revocations.map(Self.proto)
            if let next { $0.nextCursor = StreamCursor.revocations.encode([String(next.microseconds), next.serial]) }
        }
    }

    private static func proto(_ revocation: CertificateRegistry.Revocation) -> Admin_RevokedCertificate {
        .with {
            $0.serial = revocation.serial
            $0.reason = revocation.reason
            $0.revokedBy = revocation.revokedBy
            $0.revokedAt = Google_Protobuf_Timestamp(date: revocation.revokedAt)
        }
    }
}
