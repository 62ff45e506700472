import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import GRPCCore
import Foundation
import SwiftProtobuf

/// `coordination.admin.v1.CertificateService`: revocation, stored in PostgreSQL.
struct CertificateService: Admin_CertificateService.SimpleServiceProtocol {
    let store: RevocationStore

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
        return Self.proto(try await store.revoke(serial: serial, reason: reason, by: caller.name))
    }

    func listRevokedCertificates(
        request: Admin_ListRevokedCertificatesRequest, context: ServerContext
    ) async throws -> Admin_ListRevokedCertificatesResponse {
        _ = try context.caller(requiring: .certificatesManage)
        let revocations = try await store.all()
        return .with { $0.certificates = revocations.map(Self.proto) }
    }

    private static func proto(_ revocation: RevocationStore.Revocation) -> Admin_RevokedCertificate {
        .with {
            $0.serial = revocation.serial
            $0.reason = revocation.reason
            $0.revokedBy = revocation.revokedBy
            $0.revokedAt = Google_Protobuf_Timestamp(date: revocation.revokedAt)
        }
    }
}
