import Foundation

extension CertificateAuthority {
    /// File names of a CA directory: `ca.crt`, `ca.key`, `issued.json`.
    public static let certificateFile = "ca.crt"
    public static let keyFile = "ca.key"

    /// Loads the CA kept in `directory`.
    public static func load(from directory: String) throws -> CertificateAuthority {
        let certificate = (directory as NSString).appendingPathComponent(certificateFile)
        let key = (directory as NSString).appendingPathComponent(keyFile)
        guard FileManager.default.fileExists(atPath: key) else {
            throw PKIError.io("no CA in \(directory): run 'coord pki init-ca --dir \(directory)' first")
        }
        return CertificateAuthority(credential: try IssuedCredential.read(certificate: certificate, key: key))
    }

    /// Writes the CA to `directory` (key mode 0600); refuses to overwrite an existing CA.
    public func save(to directory: String) throws {
        let key = (directory as NSString).appendingPathComponent(Self.keyFile)
        guard !FileManager.default.fileExists(atPath: key) else {
            throw PKIError.io("a CA already exists in \(directory); refusing to overwrite it")
        }
        try credential.write(to: directory, name: "ca")
    }

    /// Whether `directory` holds a CA.
    public static func exists(in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(keyFile))
    }
}
