import CoordinationCore
import CoordinationPKI
import Foundation
import Testing
import X509

@Suite("Certificate authority")
struct CertificateAuthorityTests {
    @Test("a client certificate carries the caller, signed by the CA")
    func clientIdentity() throws {
        let authority = try CertificateAuthority.create(commonName: "Unit CA")
        let credential = try authority.issueClient(
            kind: .person(.coordinator), departmentCode: "health", commonName: "Li Wei")
        let caller = try #require(CertificateIdentity.caller(from: credential.certificate))
        #expect(caller.kind == .person(.coordinator))
        #expect(caller.departmentCode == "health")
        #expect(caller.name == "Li Wei")
        #expect(caller.certificateSerial == credential.serial)
        #expect(credential.certificate.issuer == authority.certificate.subject)
        #expect(authority.certificate.publicKey.isValidSignature(credential.certificate.signature, for: credential.certificate))
    }

    @Test("a server certificate names no caller")
    func serverHasNoIdentity() throws {
        let authority = try CertificateAuthority.create(commonName: "Unit CA")
        let server = try authority.issueServer(commonName: "localhost", hostnames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"])
        #expect(CertificateIdentity.caller(from: server.certificate) == nil)
        #expect(throws: PKIError.self) {
            try authority.issueServer(commonName: "x", hostnames: [], ipAddresses: ["not-an-ip"])
        }
    }

    @Test("keys are written mode 0600 and read back; a CA is never overwritten")
    func files() throws {
        let directory = NSTemporaryDirectory() + "coord-unit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let authority = try CertificateAuthority.create(commonName: "Unit CA")
        try authority.save(to: directory)
        let mode = try FileManager.default.attributesOfItem(atPath: "\(directory)/ca.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let loaded = try CertificateAuthority.load(from: directory)
        #expect(loaded.certificate == authority.certificate)
        #expect(throws: PKIError.self) { try CertificateAuthority.create(commonName: "Other").save(to: directory) }
    }

    @Test("serial input is normalised to one spelling (no case, separators, prefix or leading zeros); junk is refused")
    func serials() throws {
        #expect(CertificateSerial.normalise("0A:1b:FF") == "a1bff")
        #expect(CertificateSerial.normalise("0x00a1BFF") == "a1bff")
        #expect(CertificateSerial.normalise("000") == "0")
        let issued = try CertificateAuthority.create(commonName: "Unit CA")
            .issueClient(kind: .system, departmentCode: "health", commonName: "s")
        #expect(CertificateSerial.normalise(issued.serial) == issued.serial)
        #expect(!issued.serial.hasPrefix("0"))
        #expect(CertificateSerial.normalise("xyz") == nil)
        #expect(CertificateSerial.normalise("") == nil)
    }

    @Test("an empty validity period is refused")
    func emptyValidity() throws {
        let authority = try CertificateAuthority.create(commonName: "Unit CA")
        let now = Date()
        #expect(throws: PKIError.self) {
            try authority.issueClient(kind: .system, departmentCode: "health", commonName: "x", notBefore: now, notAfter: now)
        }
    }
}
