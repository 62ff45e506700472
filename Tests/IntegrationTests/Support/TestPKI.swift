import CoordinationClient
import CoordinationCore
import CoordinationPKI
import Foundation

/// A CA with a server certificate and client certificates, written to a temporary folder.
struct TestPKI: Sendable {
    let directory: String
    let authority: CertificateAuthority

    init() throws {
        directory = NSTemporaryDirectory() + "coord-pki-\(UUID().uuidString)"
        authority = try CertificateAuthority.create(commonName: "Test CA")
        try authority.save(to: directory)
        try authority.issueServer(commonName: "localhost", hostnames: ["localhost"], ipAddresses: ["127.0.0.1"])
            .write(to: directory, name: "server")
    }

    var caPath: String { "\(directory)/ca.crt" }
    var serverCertificate: String { "\(directory)/server.crt" }
    var serverKey: String { "\(directory)/server.key" }

    /// Issues (once per name) a client certificate and returns credentials for it.
    @discardableResult
    func client(
        _ name: String, kind: Caller.Kind, department: String, notBefore: Date? = nil, notAfter: Date? = nil
    ) throws -> (credentials: ClientCredentials, serial: String) {
        let credential = try authority.issueClient(
            kind: kind, departmentCode: department, commonName: name, notBefore: notBefore, notAfter: notAfter)
        try credential.write(to: directory, name: name)
        return (ClientCredentials.inDirectory(directory, name: name), credential.serial)
    }

    var admin: ClientCredentials { get throws { try client("admin", kind: .person(.administrator), department: "health").credentials } }
    var coordinator: ClientCredentials { get throws { try client("coordinator", kind: .person(.coordinator), department: "health").credentials } }
    var officer: ClientCredentials { get throws { try client("officer", kind: .person(.officer), department: "education").credentials } }
    var educationSystem: ClientCredentials { get throws { try client("system-education", kind: .system, department: "education").credentials } }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
