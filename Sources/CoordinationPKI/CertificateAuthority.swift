import Crypto
import Foundation
import SwiftASN1
import X509
import CoordinationCore

/// A certificate authority that issues the server's and the callers' certificates.
///
/// Identity travels in the client certificate: the common name is the person's or system's
/// name, and a URI subject-alternative name (see ``IdentityURI``) says what it is and which
/// department it acts for.
public struct CertificateAuthority: Sendable {
    /// The CA's own certificate and key.
    public let credential: IssuedCredential

    public init(credential: IssuedCredential) {
        self.credential = credential
    }

    /// The CA certificate.
    public var certificate: Certificate { credential.certificate }

    /// Creates a new self-signed CA.
    public static func create(
        commonName: String, organisation: String = "Coordination", validFor days: Int = 3650, now: Date = Date()
    ) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName(organisation)
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(TimeInterval(days) * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            },
            issuerPrivateKey: .init(key))
        return CertificateAuthority(credential: IssuedCredential(certificate: certificate, privateKey: key))
    }

    /// Issues a server certificate for the given host names and IP addresses.
    public func issueServer(
        commonName: String, hostnames: [String], ipAddresses: [String], validFor days: Int = 825, now: Date = Date()
    ) throws -> IssuedCredential {
        var names: [GeneralName] = hostnames.map { .dnsName($0) }
        for address in ipAddresses {
            guard let bytes = Self.ipAddressBytes(address) else {
                throw PKIError.invalid("'\(address)' is not an IPv4 or IPv6 address")
            }
            names.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...])))
        }
        return try issue(
            commonName: commonName, organisationalUnit: "server", alternativeNames: names, usage: .serverAuth,
            notBefore: now.addingTimeInterval(-300), notAfter: now.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// Issues a client certificate for a department system or a person acting for a department.
    ///
    /// `notBefore` and `notAfter` default to now (less five minutes' clock skew) and now plus `days`.
    public func issueClient(
        kind: Caller.Kind, departmentCode: String, commonName: String, validFor days: Int = 365,
        notBefore: Date? = nil, notAfter: Date? = nil, now: Date = Date()
    ) throws -> IssuedCredential {
        guard DirectoryRules.isValidDepartmentCode(departmentCode) else {
            throw PKIError.invalid("'\(departmentCode)' is not a valid department code")
        }
        let uri = IdentityURI.make(kind: kind, departmentCode: departmentCode)
        return try issue(
            commonName: commonName, organisationalUnit: departmentCode,
            alternativeNames: [.uniformResourceIdentifier(uri)], usage: .clientAuth,
            notBefore: notBefore ?? now.addingTimeInterval(-300),
            notAfter: notAfter ?? now.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// Signs `request`, whose private key stays with whoever made it: a client certificate for
    /// the identity it names, valid for `days`.
    public func sign(_ request: ClientCertificateRequest, validFor days: Int = 365, now: Date = Date()) throws -> Certificate {
        try certificate(
            for: request.publicKey, commonName: request.commonName, organisationalUnit: request.departmentCode,
            alternativeNames: [.uniformResourceIdentifier(IdentityURI.make(kind: request.kind, departmentCode: request.departmentCode))],
            usage: .clientAuth, notBefore: now.addingTimeInterval(-300), notAfter: now.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    private func issue(
        commonName: String, organisationalUnit: String, alternativeNames: [GeneralName],
        usage: ExtendedKeyUsage.Usage, notBefore: Date, notAfter: Date
    ) throws -> IssuedCredential {
        let key = P256.Signing.PrivateKey()
        let certificate = try certificate(
            for: .init(key.publicKey), commonName: commonName, organisationalUnit: organisationalUnit,
            alternativeNames: alternativeNames, usage: usage, notBefore: notBefore, notAfter: notAfter)
        return IssuedCredential(certificate: certificate, privateKey: key)
    }

    private func certificate(
        for publicKey: Certificate.PublicKey, commonName: String, organisationalUnit: String,
        alternativeNames: [GeneralName], usage: ExtendedKeyUsage.Usage, notBefore: Date, notAfter: Date
    ) throws -> Certificate {
        let trimmed = commonName.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw PKIError.invalid("a certificate needs a non-empty common name") }
        guard notBefore < notAfter else { throw PKIError.invalid("the validity period is empty") }
        let subject = try DistinguishedName {
            OrganizationName("Coordination")
            OrganizationalUnitName(organisationalUnit)
            CommonName(trimmed)
        }
        let caKey = credential.privateKey
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: credential.certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([usage])
                SubjectAlternativeNames(alternativeNames)
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: .init(caKey.publicKey)).keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))
    }

    private static func ipAddressBytes(_ address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
