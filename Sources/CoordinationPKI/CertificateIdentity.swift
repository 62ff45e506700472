import X509
import CoordinationCore

/// Reads the caller's identity from a verified client certificate.
public enum CertificateIdentity {
    /// The caller a certificate names, or `nil` if it carries no valid identity.
    public static func caller(from certificate: Certificate) -> Caller? {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return nil }
        let parsed = names.lazy.compactMap { name -> (kind: Caller.Kind, departmentCode: String)? in
            if case .uniformResourceIdentifier(let uri) = name { return IdentityURI.parse(uri) }
            return nil
        }.first
        guard let parsed else { return nil }
        let commonName = certificate.subject.lazy
            .flatMap { $0 }
            .first { $0.type == .RDNAttributeType.commonName }
            .map { String(describing: $0.value) } ?? ""
        return Caller(
            kind: parsed.kind, departmentCode: parsed.departmentCode, name: commonName,
            certificateSerial: CertificateSerial.hex(certificate.serialNumber))
    }
}
