import Crypto
import Foundation
import X509

/// A certificate with its private key, as issued by the ``CertificateAuthority``.
public struct IssuedCredential: Sendable {
    public let certificate: Certificate
    public let privateKey: P256.Signing.PrivateKey

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// The certificate in PEM.
    public func certificatePEM() throws -> String {
        try certificate.serializeAsPEM().pemString
    }

    /// The private key in PKCS#8 PEM.
    public var privateKeyPEM: String { privateKey.pemRepresentation }

    /// Lower-case hex serial number.
    public var serial: String { CertificateSerial.hex(certificate.serialNumber) }

    /// Writes `<directory>/<name>.crt` (0644) and `<directory>/<name>.key` (0600).
    @discardableResult
    public func write(to directory: String, name: String) throws -> (certificate: String, key: String) {
        let certPath = (directory as NSString).appendingPathComponent("\(name).crt")
        let keyPath = (directory as NSString).appendingPathComponent("\(name).key")
        try SecureFile.write(privateKeyPEM, to: keyPath)
        try SecureFile.writePublic(try certificatePEM(), to: certPath)
        return (certPath, keyPath)
    }

    /// Reads a credential written by ``write(to:name:)``.
    public static func read(certificate certPath: String, key keyPath: String) throws -> IssuedCredential {
        let certPEM = try String(contentsOfFile: certPath, encoding: .utf8)
        let keyPEM = try String(contentsOfFile: keyPath, encoding: .utf8)
        do {
            return IssuedCredential(
                certificate: try Certificate(pemEncoded: certPEM),
                privateKey: try P256.Signing.PrivateKey(pemRepresentation: keyPEM))
        } catch {
            throw PKIError.invalid("cannot read credential \(certPath) / \(keyPath): \(error)")
        }
    }
}
