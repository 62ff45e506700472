import Foundation
import SwiftASN1
import X509
import CoordinationCore

/// The CA certificates a server trusts for client certificates, for checking a certificate that
/// is handed in rather than presented on a connection (a revocation from the CA's ledger).
public struct TrustedAuthorities: Sendable {
    public let certificates: [Certificate]

    public init(certificates: [Certificate]) {
        self.certificates = certificates
    }

    /// Reads every certificate of a PEM file.
    public init(pemFile path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PKIError.io("cannot read the CA certificates at \(path)")
        }
        let documents = try PEMDocument.parseMultiple(pemString: text)
        self.init(certificates: try documents.map { try Certificate(derEncoded: $0.derBytes) })
    }

    /// The caller `pem` names and the end of its validity, provided one of these authorities
    /// signed it.
    public func identity(ofIssued pem: String) throws(PKIError) -> (caller: Caller, notAfter: Date) {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: pem)
        } catch {
            throw .invalid("the certificate handed in is not a PEM certificate")
        }
        let signed = certificates.contains {
            $0.subject == certificate.issuer && $0.publicKey.isValidSignature(certificate.signature, for: certificate)
        }
        guard signed else { throw .invalid("the certificate handed in was not issued by a CA this server trusts") }
        guard let caller = CertificateIdentity.caller(from: certificate) else {
            throw .invalid("the certificate handed in names no department system or person (missing coord: URI)")
        }
        return (caller, certificate.notValidAfter)
    }
}
