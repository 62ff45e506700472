/// The files a client presents and trusts: its certificate and key, and the CA that signed
/// the server's certificate.
public struct ClientCredentials: Sendable, Hashable {
    public var certificatePath: String
    public var keyPath: String
    public var caPath: String

    public init(certificatePath: String, keyPath: String, caPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.caPath = caPath
    }

    /// `<directory>/<name>.crt`, `<directory>/<name>.key` and `<directory>/ca.crt`, the layout
    /// of the development PKI folder.
    public static func inDirectory(_ directory: String, name: String) -> ClientCredentials {
        ClientCredentials(
            certificatePath: "\(directory)/\(name).crt", keyPath: "\(directory)/\(name).key", caPath: "\(directory)/ca.crt")
    }
}
