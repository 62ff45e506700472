import CoordinationClient
import CoordinationCore
import CoordinationPKI
import Foundation

/// A CA with a server certificate and client certificates, written to a temporary folder.
public struct TestPKI: Sendable {
    /// The folder holding the CA, the server's and every client's certificate and key.
    public let directory: String
    /// The certificate authority that issues every certificate here.
    public let authority: CertificateAuthority

    /// Creates a CA and a server certificate for `localhost` and 127.0.0.1 in a new
    /// temporary folder (remove it with ``remove()``).
    public init() throws {
        directory = NSTemporaryDirectory() + "coord-pki-\(UUID().uuidString)"
        authority = try CertificateAuthority.create(commonName: "Test CA")
        try authority.save(to: directory)
        try authority.issueServer(commonName: "localhost", hostnames: ["localhost"], ipAddresses: ["127.0.0.1"])
            .write(to: directory, name: "server")
    }

    /// The CA certificate (PEM).
    public var caPath: String { "\(directory)/ca.crt" }
    /// The server certificate (PEM).
    public var serverCertificate: String { "\(directory)/server.crt" }
    /// The server's private key (PEM).
    public var serverKey: String { "\(directory)/server.key" }

    /// Issues a client certificate named `name` (written over any of the same name) and
    /// returns credentials for it and its serial number.
    @discardableResult
    public func client(
        _ name: String, kind: Caller.Kind, department: String, notBefore: Date? = nil, notAfter: Date? = nil
    ) throws -> (credentials: ClientCredentials, serial: String) {
        let credential = try authority.issueClient(
            kind: kind, departmentCode: department, commonName: name, notBefore: notBefore, notAfter: notAfter)
        try credential.write(to: directory, name: name)
        return (ClientCredentials.inDirectory(directory, name: name), credential.serial)
    }

    /// An administrator of health.
    public var admin: ClientCredentials { get throws { try client("admin", kind: .person(.administrator), department: "health").credentials } }
    /// A coordinator of health.
    public var coordinator: ClientCredentials { get throws { try client("coordinator", kind: .person(.coordinator), department: "health").credentials } }
    /// An officer of education.
    public var officer: ClientCredentials { get throws { try client("officer", kind: .person(.officer), department: "education").credentials } }
    /// Education's department system.
    public var educationSystem: ClientCredentials { get throws { try client("system-education", kind: .system, department: "education").credentials } }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
