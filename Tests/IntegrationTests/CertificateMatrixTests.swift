import CoordinationAPI
import CoordinationClient
import CoordinationPKI
import CoordinationTesting
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing

/// Who may connect: the certificate matrix, against a real server over real TLS.
@Suite("Certificate matrix")
struct CertificateMatrixTests {
    @Test("a department system's certificate identifies the department")
    func systemCertificate() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let me = try await server.directory(try server.pki.educationSystem) { try await $0.whoAmI(.init()) }
            #expect(me.kind == "system")
            #expect(me.departmentCode == "education")
            #expect(me.role == "")
            #expect(me.permissions == [
                "alerts.acknowledge", "alerts.raise", "alerts.read", "directory.read", "indicators.read",
                "indicators.report", "meetings.participate", "notices.read", "records.publish", "records.read",
                "referrals.read", "referrals.work", "tasks.read", "tasks.report",
            ])
        }
    }

    @Test("a person's certificate carries the role")
    func personCertificate() async throws {
        try await TestServer.with { server in
            let me = try await server.directory(try server.pki.admin) { try await $0.whoAmI(.init()) }
            #expect(me.kind == "person")
            #expect(me.role == "administrator")
            #expect(me.name == "admin")
            #expect(me.permissions.contains("directory.write"))
        }
    }

    @Test("no client certificate is refused")
    func missingCertificate() async throws {
        try await TestServer.with { server in
            let transport = try HTTP2ClientTransport.Posix(
                target: .dns(host: "localhost", port: server.port),
                transportSecurity: .tls { $0.trustRoots = .certificates([.file(path: server.pki.caPath, format: .pem)]) })
            try await expectRefused(transport)
        }
    }

    @Test("a certificate from another CA is refused")
    func foreignCA() async throws {
        try await TestServer.with { server in
            let other = try TestPKI()
            defer { other.remove() }
            var credentials = try other.client("intruder", kind: .person(.administrator), department: "health").credentials
            credentials.caPath = server.pki.caPath
            try await expectRefused(try CoordinationConnection.transport(host: "localhost", port: server.port, credentials: credentials))
        }
    }

    @Test("expired and not-yet-valid certificates are refused")
    func validityPeriod() async throws {
        try await TestServer.with { server in
            let now = Date()
            let expired = try server.pki.client(
                "expired", kind: .system, department: "education",
                notBefore: now.addingTimeInterval(-172_800), notAfter: now.addingTimeInterval(-86_400)).credentials
            let future = try server.pki.client(
                "future", kind: .system, department: "education",
                notBefore: now.addingTimeInterval(86_400), notAfter: now.addingTimeInterval(172_800)).credentials
            for credentials in [expired, future] {
                try await expectRefused(try CoordinationConnection.transport(host: "localhost", port: server.port, credentials: credentials))
            }
        }
    }

    @Test("a certificate of this CA without a coord: identity is UNAUTHENTICATED")
    func certificateWithoutIdentity() async throws {
        try await TestServer.with { server in
            // A server certificate of the same CA names no department or person.
            let credentials = ClientCredentials(
                certificatePath: server.pki.serverCertificate, keyPath: server.pki.serverKey, caPath: server.pki.caPath)
            try await expectRefused(
                try CoordinationConnection.transport(host: "localhost", port: server.port, credentials: credentials),
                allowing: [.unauthenticated, .unavailable])
        }
    }

    @Test("a revoked certificate is refused on its next call, without a restart")
    func revocation() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let (officer, serial) = try server.pki.client("officer-to-revoke", kind: .person(.officer), department: "education")
            _ = try await server.directory(officer) { try await $0.listDepartments(.init()) }

            let revoked = try await server.withClient(try server.pki.admin) {
                try await Admin_CertificateService.Client(wrapping: $0).revokeCertificate(.with {
                    $0.serial = serial.uppercased()
                    $0.reason = "left the department"
                })
            }
            #expect(revoked.serial == serial)
            #expect(revoked.revokedBy == "admin")

            let error = await #expect(throws: RPCError.self) {
                try await server.directory(officer) { try await $0.listDepartments(.init()) }
            }
            #expect(error?.code == .unauthenticated)
            #expect(error?.message.contains("revoked") == true)

            // Other certificates still work, and the revocation is listed.
            let list = try await server.withClient(try server.pki.admin) {
                try await Admin_CertificateService.Client(wrapping: $0).listRevokedCertificates(.init())
            }
            #expect(list.certificates.map(\.serial) == [serial])
        }
    }

    @Test("revoking needs certificates.manage, and a serial and a reason")
    func revocationDenials() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let denied = await #expect(throws: RPCError.self) {
                try await server.withClient(try server.pki.coordinator) {
                    try await Admin_CertificateService.Client(wrapping: $0).revokeCertificate(.with {
                        $0.serial = "01"
                        $0.reason = "test"
                    })
                }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(denied?.message.contains("certificates.manage") == true)

            for (serial, reason, field) in [("zz", "r", "serial"), ("0a", " ", "reason")] {
                let error = await #expect(throws: RPCError.self) {
                    try await server.withClient(try server.pki.admin) {
                        try await Admin_CertificateService.Client(wrapping: $0).revokeCertificate(.with {
                            $0.serial = serial
                            $0.reason = reason
                        })
                    }
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix(field) == true)
            }
        }
    }

    /// Expects every call over `transport` to fail: at the handshake (the call cannot
    /// connect) or with one of `codes`.
    private func expectRefused(
        _ transport: HTTP2ClientTransport.Posix,
        allowing codes: Set<RPCError.Code> = [.unavailable, .unauthenticated, .deadlineExceeded]
    ) async throws {
        let error = await #expect(throws: RPCError.self) {
            try await withGRPCClient(transport: transport) { client in
                try await Directory_DirectoryService.Client(wrapping: client).listDepartments(.init(), options: .quick)
            }
        }
        if let error { #expect(codes.contains(error.code), "unexpected \(error.code): \(error.message)") }
    }
}
