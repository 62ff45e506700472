import Crypto
import Foundation
import SwiftASN1
import X509
import CoordinationCore

/// A request for a client certificate, made by the department where the private key is kept
/// and stays: only the request travels to the CA, which signs it with ``CertificateAuthority/sign(_:validFor:now:)``.
public struct ClientCertificateRequest: Sendable {
    /// What the certificate is to say: the caller, of whom the serial is not known yet.
    public let kind: Caller.Kind
    public let departmentCode: String
    public let commonName: String
    public let publicKey: Certificate.PublicKey

    /// A new key and a signed request for a certificate of `kind` acting for `departmentCode`.
    public static func make(
        kind: Caller.Kind, departmentCode: String, commonName: String
    ) throws -> (pem: String, privateKey: P256.Signing.PrivateKey) {
        guard DirectoryRules.isValidDepartmentCode(departmentCode) else {
            throw PKIError.invalid("'\(departmentCode)' is not a valid department code")
        }
        let name = commonName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw PKIError.invalid("a certificate needs a non-empty common name") }
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("Coordination")
            OrganizationalUnitName(departmentCode)
            CommonName(name)
        }
        let extensions = try Certificate.Extensions {
            SubjectAlternativeNames([.uniformResourceIdentifier(IdentityURI.make(kind: kind, departmentCode: departmentCode))])
        }
        let request = try CertificateSigningRequest(
            version: .v1, subject: subject, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes([try .init(ExtensionRequest(extensions: extensions))]),
            signatureAlgorithm: .ecdsaWithSHA256)
        return (try request.serializeAsPEM().pemString, key)
    }

    /// Reads and checks a request made by ``make(kind:departmentCode:commonName:)``: its
    /// signature must match its key, and it must name exactly one identity.
    public init(pem: String) throws {
        let request: CertificateSigningRequest
        do {
            request = try CertificateSigningRequest(pemEncoded: pem)
        } catch {
            throw PKIError.invalid("not a PEM certificate signing request")
        }
        guard request.publicKey.isValidSignature(request.signature, for: request) else {
            throw PKIError.invalid("the request's signature does not match its key")
        }
        let requested = (try? request.attributes.extensionRequest)??.extensions
        let names: [GeneralName] = ((try? requested?.subjectAlternativeNames) ?? nil).map { Array($0) } ?? []
        let identities = names.compactMap { name -> (Caller.Kind, String)? in
            if case .uniformResourceIdentifier(let uri) = name { return IdentityURI.parse(uri) }
            return nil
        }
        guard identities.count == 1, let (kind, department) = identities.first else {
            throw PKIError.invalid("the request must name exactly one identity (a coord: URI); make it with 'coord pki csr'")
        }
        let commonName = request.subject.lazy.flatMap { $0 }
            .first { $0.type == .RDNAttributeType.commonName }
            .map { String(describing: $0.value) } ?? ""
        guard !commonName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw PKIError.invalid("the request names no one (empty common name)")
        }
        self.kind = kind
        self.departmentCode = department
        self.commonName = commonName
        self.publicKey = request.publicKey
    }
}
