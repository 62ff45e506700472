import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationPKI
import CoordinationServer
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// Certificates and departments agree: a certificate acts only for a registered, active
/// department; a revoked certificate or a disabled department is refused on the next call and
/// its open streams end, on every instance; serials are one spelling; a department can keep
/// its private key and send only a request.
@Suite("Certificate standing")
struct CertificateStandingTests {
    /// How a stream ended, and how long after `since`.
    struct Ending: Sendable {
        var error: RPCError?
        var after: Duration
    }

    /// Opens a record subscription as `credentials`; the task ends with the stream.
    private func subscription(_ server: TestServer, as credentials: ClientCredentials) -> Task<RPCError?, Never> {
        Task {
            do {
                try await server.sharing(credentials) { client in
                    try await client.subscribe(.with { $0.context = Fixtures.context(.riskAssessment, .statutoryDuty) }) { response in
                        for try await _ in response.messages {}
                    }
                }
                return nil
            } catch {
                return error as? RPCError
            }
        }
    }

    /// Opens an alert watch as `credentials`; the task ends with the stream.
    private func alertWatch(_ server: TestServer, as credentials: ClientCredentials) -> Task<RPCError?, Never> {
        Task {
            do {
                try await server.alerts(credentials) { client in
                    try await client.watch(Alerts_WatchRequest()) { response in
                        for try await _ in response.messages {}
                    }
                }
                return nil
            } catch {
                return error as? RPCError
            }
        }
    }

    private func whoAmI(_ server: TestServer, as credentials: ClientCredentials) async throws -> Directory_WhoAmIResponse {
        try await server.directory(credentials) { try await $0.whoAmI(.init()) }
    }

    @Test("a certificate for an unregistered department is refused, naming it; an administrator's needs none")
    func unknownDepartment() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let stranger = try server.pki.client("system-no-such-dept", kind: .system, department: "no-such-dept").credentials
            for call in 0..<2 {
                let refused = await #expect(throws: RPCError.self, "call \(call)") {
                    try await server.sharing(stranger) { try await $0.publish(try Fixtures.screening(1)) }
                }
                #expect(refused?.code == .unauthenticated)
                #expect(refused?.message.contains("'no-such-dept', which is not registered") == true, "\(refused?.message ?? "")")
            }
            let admin = try server.pki.client("admin-elsewhere", kind: .person(.administrator), department: "no-such-dept").credentials
            #expect(try await whoAmI(server, as: admin).role == "administrator")
        }
    }

    @Test("a disabled department is refused and its open streams end; enabled again, it calls")
    func disabledDepartment() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let officer = try server.person(.officer, of: "education")
            let health = try server.system("health")
            let streams = [subscription(server, as: education), alertWatch(server, as: officer), subscription(server, as: health)]
            try await server.waitForOpenStreams(atLeast: 3)

            let admin = try server.pki.admin
            let disabled = try await server.directory(admin) {
                try await $0.disableDepartment(.with { $0.code = "education"; $0.reason = "merged into the county bureau" })
            }
            #expect(disabled.disabled && disabled.disabledReason == "merged into the county bureau")
            for stream in streams.prefix(2) {
                let ended = await stream.value
                #expect(ended?.code == .unauthenticated)
                #expect(ended?.message.contains("department 'education' is disabled") == true, "\(ended?.message ?? "")")
            }
            // Another department's stream stays open.
            try await Task.sleep(for: .seconds(2))
            #expect(try await whoAmI(server, as: health).departmentCode == "health")
            let open = try await server.withClient(admin) {
                try await Admin_ServerService.Client(wrapping: $0).getServerStatus(.init()).openStreamsTotal
            }
            #expect(open == 1)
            streams[2].cancel()

            let refused = await #expect(throws: RPCError.self) { try await whoAmI(server, as: education) }
            #expect(refused?.code == .unauthenticated)
            #expect(refused?.message.contains("merged into the county bureau") == true)
            let listed = try await server.directory(health) { try await $0.listDepartments(.init()).departments }
            #expect(listed.first { $0.code == "education" }?.disabled == true)

            let officerDenied = await #expect(throws: RPCError.self) {
                try await server.directory(health) { try await $0.enableDepartment(.with { $0.code = "education" }) }
            }
            #expect(officerDenied?.code == .permissionDenied)
            _ = try await server.directory(admin) { try await $0.enableDepartment(.with { $0.code = "education" }) }
            #expect(try await whoAmI(server, as: education).departmentCode == "education")
            let unknown = await #expect(throws: RPCError.self) {
                try await server.directory(admin) { try await $0.disableDepartment(.with { $0.code = "nowhere"; $0.reason = "no such thing" }) }
            }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test("revoking on one instance ends the certificate's subscription and alert watch on another, UNAUTHENTICATED")
    func revocationEndsStreams() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        try await TestServer.with(sharing: (pki, databases)) { first in
            try await first.seedDirectory()
            try await TestServer.with(sharing: (pki, databases)) { second in
                let (health, serial) = try pki.client("system-health", kind: .system, department: "health")
                let officer = try second.person(.officer, of: "health")
                let streams = [subscription(second, as: health), alertWatch(second, as: health), subscription(second, as: officer)]
                try await second.waitForOpenStreams(atLeast: 3)

                let start = ContinuousClock.now
                let revoked = try await first.withClient(try pki.admin) {
                    try await Admin_CertificateService.Client(wrapping: $0).revokeCertificate(.with {
                        $0.serial = "00" + serial.uppercased()
                        $0.reason = "key compromise"
                    })
                }
                #expect(revoked.serial == serial)
                var endings: [Duration] = []
                for stream in streams.prefix(2) {
                    let ended = await stream.value
                    endings.append(ContinuousClock.now - start)
                    #expect(ended?.code == .unauthenticated)
                    #expect(ended?.message == "certificate \(serial) has been revoked")
                }
                print("Revoked certificate's streams ended \(endings) after the revocation on the other instance")
                #expect(endings.allSatisfy { $0 < .seconds(3) }, "\(endings)")
                // The officer's own certificate is untouched.
                try await Task.sleep(for: .seconds(1))
                #expect(try await whoAmI(second, as: officer).role == "officer")
                streams[2].cancel()
            }
        }
    }

    @Test("serials in any spelling; an unknown serial is NOT_FOUND; a certificate that never called is revoked when handed in")
    func serialsAndUnknownCertificates() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin
            func revoke(_ serial: String, pem: String = "") async throws -> Admin_RevokedCertificate {
                try await server.withClient(admin) {
                    try await Admin_CertificateService.Client(wrapping: $0).revokeCertificate(.with {
                        $0.serial = serial
                        $0.reason = "left the department"
                        $0.certificatePem = pem
                    })
                }
            }
            // Never called: unknown by serial alone, in any spelling.
            let unused = try server.pki.client("officer-civil-affairs", kind: .person(.officer), department: "civil-affairs")
            let unknown = await #expect(throws: RPCError.self) { try await revoke("0x00" + unused.serial) }
            #expect(unknown?.code == .notFound)
            #expect(unknown?.message.contains("--dir") == true, "\(unknown?.message ?? "")")
            #expect(try await server.withClient(admin) {
                try await Admin_CertificateService.Client(wrapping: $0).listRevokedCertificates(.init()).certificates
            }.isEmpty)

            // Handed in: it must come from the trusted CA and have the serial named.
            let pem = try String(contentsOfFile: unused.credentials.certificatePath, encoding: .utf8)
            let otherCA = try TestPKI()
            defer { otherCA.remove() }
            let foreign = try otherCA.client("officer-civil-affairs", kind: .person(.officer), department: "civil-affairs")
            let foreignPEM = try String(contentsOfFile: foreign.credentials.certificatePath, encoding: .utf8)
            let untrusted = await #expect(throws: RPCError.self) { try await revoke(foreign.serial, pem: foreignPEM) }
            #expect(untrusted?.code == .invalidArgument)
            #expect(untrusted?.message.contains("not issued by a CA this server trusts") == true, "\(untrusted?.message ?? "")")
            let mismatched = await #expect(throws: RPCError.self) { try await revoke("ab12", pem: pem) }
            #expect(mismatched?.code == .invalidArgument)
            let revoked = try await revoke(unused.serial.uppercased(), pem: pem)
            #expect(revoked.serial == unused.serial)
            let refused = await #expect(throws: RPCError.self) { try await whoAmI(server, as: unused.credentials) }
            #expect(refused?.code == .unauthenticated)

            // A certificate that has called is known; its serial with leading zeros and ':' is the same serial.
            let officer = try server.person(.officer, of: "education")
            let serial = try await whoAmI(server, as: officer).certificateSerial
            #expect(!serial.hasPrefix("0"))
            let spaced = stride(from: 0, to: serial.count, by: 2).map { offset -> String in
                let start = serial.index(serial.startIndex, offsetBy: offset)
                return String(serial[start..<(serial.index(start, offsetBy: 2, limitedBy: serial.endIndex) ?? serial.endIndex)])
            }.joined(separator: ":")
            #expect(try await revoke("00:" + spaced.uppercased()).serial == serial)
            let second = await #expect(throws: RPCError.self) { try await whoAmI(server, as: officer) }
            #expect(second?.code == .unauthenticated)
        }
    }

    @Test("coord pki: issue refuses an unregistered department; a department's own key and request; revoke from the ledger")
    func cli() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            let admin = try server.pki.admin
            let connection = [
                "--server", "localhost:\(server.port)", "--cert", admin.certificatePath, "--key", admin.keyPath, "--ca", admin.caPath,
            ]
            let ca = server.pki.directory
            let refused = try await CoordCLI.run(
                ["pki", "issue", "--dir", ca, "--name", "ghost", "--department", "no-such-dept"] + connection)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("no department 'no-such-dept' is registered"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "\(ca)/ghost.crt"))

            // The department makes its key and request; only the request reaches the CA.
            let department = NSTemporaryDirectory() + "coord-dept-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: department, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: department) }
            let csr = try await CoordCLI.run([
                "pki", "csr", "--name", "Zhang Min", "--department", "womens-federation", "--role", "officer", "--out", department,
            ])
            #expect(csr.status == 0, "\(csr.stderr)")
            let signed = try await CoordCLI.run(["pki", "sign-csr", "--dir", ca, "--csr", "\(department)/zhang-min.csr"] + connection)
            #expect(signed.status == 0, "\(signed.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "\(ca)/zhang-min.key"))
            let own = ClientCredentials(
                certificatePath: "\(department)/zhang-min.crt", keyPath: "\(department)/zhang-min.key", caPath: server.pki.caPath)
            let me = try await whoAmI(server, as: own)
            #expect(me.name == "Zhang Min" && me.departmentCode == "womens-federation" && me.role == "officer")

            // A serial without its leading zeros, in capitals, revokes the certificate the ledger names.
            let issued = try await CoordCLI.run(
                ["pki", "issue", "--dir", ca, "--name", "Li Na", "--department", "civil-affairs", "--role", "officer"] + connection)
            #expect(issued.status == 0, "\(issued.stderr)")
            let entry = try #require(try CertificateLedger(directory: ca).entries().first { $0.commonName == "Li Na" })
            let revoked = try await CoordCLI.run(
                ["pki", "revoke", "000" + entry.serial.uppercased(), "--reason", "left the department", "--dir", ca] + connection)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(try CertificateLedger(directory: ca).entry(serial: entry.serial)?.revokedAt != nil)
            let unknown = try await CoordCLI.run(["pki", "revoke", "abcdef", "--reason", "typo", "--dir", ca] + connection)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("has no certificate abcdef"), "\(unknown.stderr)")
        }
    }

    @Test("calls are admitted from memory; a department disabled by hand in the database is refused at once on every instance, its streams ended")
    func standingFromMemory() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let databases = try await TestCluster.shared.freshDatabase()
        // Only the database's notification can carry the change within the test's time.
        let slowRefresh: @Sendable (inout ServerConfiguration) -> Void = {
            $0.standingRefreshInterval = .seconds(120)
            $0.standingMaximumAge = .seconds(240)
            $0.streamStandingInterval = .seconds(120)
        }
        try await TestServer.with(configure: slowRefresh, sharing: (pki, databases)) { first in
            try await first.seedDirectory()
            try await TestServer.with(configure: slowRefresh, sharing: (pki, databases)) { second in
                let education = try pki.client("system-education", kind: .system, department: "education").credentials
                // Both instances (one database) have loaded their copy before counting.
                _ = try await whoAmI(first, as: education)
                _ = try await whoAmI(second, as: education)
                let reads = try await QueryCountTests.statements(on: first, touching: "revoked_certificate|coord\\.department") {
                    for _ in 0..<20 { _ = try await whoAmI(first, as: education) }
                }
                #expect(reads == 0, "\(reads) statements on revocations or departments for 20 calls")

                let stream = subscription(second, as: education)
                try await second.waitForOpenStreams(atLeast: 1)
                try await EmbeddedPostgres.withClient(first.superuser, logger: TestLog.logger) { client in
                    try await client.query(
                        "UPDATE coord.department SET disabled_at = now(), disabled_reason = 'closed by hand' WHERE code = 'education'",
                        logger: TestLog.logger)
                }
                let watchdog = Task { try await Task.sleep(for: .seconds(10)); stream.cancel() }
                let ended = await stream.value
                watchdog.cancel()
                #expect(ended?.code == .unauthenticated)
                #expect(ended?.message.contains("department 'education' is disabled (closed by hand)") == true, "\(ended?.message ?? "")")
                for server in [first, second] {
                    let refused = await #expect(throws: RPCError.self) { try await whoAmI(server, as: education) }
                    #expect(refused?.code == .unauthenticated)
                }
            }
        }
    }
}
