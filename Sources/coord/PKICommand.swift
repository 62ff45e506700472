import ArgumentParser
import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import Foundation

struct PKICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki", abstract: tr("Certificate authority: create, issue, sign requests, list, revoke."),
        subcommands: [InitCA.self, IssueServer.self, Issue.self, CSR.self, SignCSR.self, List.self, Revoke.self, Revoked.self])

    struct InitCA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init-ca", abstract: tr("Create a CA in --dir."))
        @Option(help: .tr("CA folder (ca.crt, ca.key mode 0600, issued.json).")) var dir: String
        @Option(help: .tr("Common name of the CA.")) var name: String = "Coordination CA"
        @Option(help: .tr("Validity in days.")) var days: Int = 3650

        func run() throws {
            let authority = try CertificateAuthority.create(commonName: name, validFor: days)
            try authority.save(to: dir)
            print(tr("created CA '\(name)' in \(dir) (serial \(authority.credential.serial))"))
        }
    }

    struct IssueServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue-server", abstract: tr("Issue a server certificate."))
        @Option(help: .tr("CA folder.")) var dir: String
        @Option(help: .tr("Common name.")) var name: String = "localhost"
        @Option(parsing: .singleValue, help: .tr("DNS name (repeatable).")) var host: [String] = []
        @Option(parsing: .singleValue, help: .tr("IP address (repeatable).")) var ip: [String] = []
        @Option(help: .tr("Output folder (default: the CA folder).")) var out: String?
        @Option(help: .tr("File name without extension.")) var fileName: String = "server"
        @Option(help: .tr("Validity in days.")) var days: Int = 825

        func run() throws {
            let authority = try CertificateAuthority.load(from: dir)
            let hosts = host.isEmpty && ip.isEmpty ? ["localhost"] : host
            let addresses = host.isEmpty && ip.isEmpty ? ["127.0.0.1", "::1"] : ip
            let credential = try authority.issueServer(commonName: name, hostnames: hosts, ipAddresses: addresses, validFor: days)
            let paths = try credential.write(to: out ?? dir, name: fileName)
            try CertificateLedger(directory: dir).record(.init(
                serial: credential.serial, kind: "server", commonName: name, departmentCode: nil, role: nil,
                notAfter: credential.certificate.notValidAfter, certificatePath: paths.certificate))
            print(tr("issued server certificate \(credential.serial): \(paths.certificate), \(paths.key)"))
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Issue a client certificate and its key for a department system, or for a person with --role."),
            discussion: tr("The department must be registered and active on the server (asked with --server and --identity); an administrator's certificate needs no registered department. A department that keeps its own keys sends a request instead: see 'coord pki csr' and 'coord pki sign-csr'."))
        @Option(help: .tr("CA folder.")) var dir: String
        @Option(help: .tr("Name of the system or person (the certificate's common name).")) var name: String
        @Option(help: .tr("Code of the department the caller acts for.")) var department: String
        @Option(help: .tr("For a person: officer, coordinator, auditor or administrator. Omit for a department system."))
        var role: String?
        @Option(help: .tr("Output folder (default: the CA folder).")) var out: String?
        @Option(help: .tr("File name without extension (default: derived from the name).")) var fileName: String?
        @Option(help: .tr("Validity in days.")) var days: Int = 365
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let kind = try PKICommand.kind(role: role)
            try await PKICommand.checkDepartment(department, for: kind, connection: connection)
            let authority = try CertificateAuthority.load(from: dir)
            let credential = try authority.issueClient(kind: kind, departmentCode: department, commonName: name, validFor: days)
            let paths = try credential.write(to: out ?? dir, name: fileName ?? PKICommand.fileName(for: name))
            try CertificateLedger(directory: dir).record(.init(
                serial: credential.serial, kind: role == nil ? "system" : "person", commonName: name,
                departmentCode: department, role: role, notAfter: credential.certificate.notValidAfter,
                certificatePath: paths.certificate))
            print(tr("issued \(IdentityURI.make(kind: kind, departmentCode: department)) certificate \(credential.serial): \(paths.certificate), \(paths.key)"))
        }
    }

    struct CSR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csr",
            abstract: tr("Make a private key and a certificate request, where the key is to stay; send only the request (.csr) to the CA."))
        @Option(help: .tr("Name of the system or person (the certificate's common name).")) var name: String
        @Option(help: .tr("Code of the department the caller acts for.")) var department: String
        @Option(help: .tr("For a person: officer, coordinator, auditor or administrator. Omit for a department system."))
        var role: String?
        @Option(help: .tr("Output folder.")) var out: String
        @Option(help: .tr("File name without extension (default: derived from the name).")) var fileName: String?

        func run() throws {
            let kind = try PKICommand.kind(role: role)
            let (pem, key) = try ClientCertificateRequest.make(kind: kind, departmentCode: department, commonName: name)
            let base = (out as NSString).appendingPathComponent(fileName ?? PKICommand.fileName(for: name))
            try SecureFile.write(key.pemRepresentation, to: base + ".key")
            try SecureFile.writePublic(pem, to: base + ".csr")
            print(tr("wrote \(base).key (keep it here) and \(base).csr (send it to the CA's administrator)"))
        }
    }

    struct SignCSR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-csr",
            abstract: tr("Sign a certificate request made with 'coord pki csr'; the department must be registered and active."))
        @Option(help: .tr("CA folder.")) var dir: String
        @Option(help: .tr("The request (.csr).")) var csr: String
        @Option(help: .tr("Where to write the certificate (default: beside the request, .crt).")) var out: String?
        @Option(help: .tr("Validity in days.")) var days: Int = 365
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let pem = try? String(contentsOfFile: csr, encoding: .utf8) else { throw CLIError(tr("cannot read \(csr)")) }
            let request = try ClientCertificateRequest(pem: pem)
            try await PKICommand.checkDepartment(request.departmentCode, for: request.kind, connection: connection)
            let authority = try CertificateAuthority.load(from: dir)
            let certificate = try authority.sign(request, validFor: days)
            let path = out ?? ((csr as NSString).deletingPathExtension + ".crt")
            try SecureFile.writePublic(try certificate.serializeAsPEM().pemString, to: path)
            let serial = CertificateSerial.hex(certificate.serialNumber)
            try CertificateLedger(directory: dir).record(.init(
                serial: serial, kind: request.kind == .system ? "system" : "person", commonName: request.commonName,
                departmentCode: request.departmentCode, role: { if case .person(let role) = request.kind { return role.rawValue } else { return nil } }(),
                notAfter: certificate.notValidAfter, certificatePath: path))
            print(tr("issued \(IdentityURI.make(kind: request.kind, departmentCode: request.departmentCode)) certificate \(serial) for '\(request.commonName)': \(path)"))
        }
    }

    /// The caller kind `--role` names (none: a department system).
    static func kind(role: String?) throws -> Caller.Kind {
        guard let role else { return .system }
        guard let parsed = Role(rawValue: role) else {
            throw ValidationError(tr("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return .person(parsed)
    }

    /// A file name for a certificate of `name`: letters and digits, other characters as '-'.
    static func fileName(for name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    /// Refuses to issue for a department the server does not know or has disabled; an
    /// administrator's certificate needs no registered department (administrators register them).
    static func checkDepartment(_ code: String, for kind: Caller.Kind, connection: ConnectionOptions) async throws {
        if case .person(.administrator) = kind { return }
        let departments = try await connection.with(Directory_DirectoryService.self) { service in
            try await service.listDepartments(.init()).departments
        }
        guard let department = departments.first(where: { $0.code == code }) else {
            throw CLIError(tr("no department '\(code)' is registered on the server; register it first with 'coord department create'"))
        }
        if department.disabled {
            throw CLIError(tr("department '\(code)' is disabled (\(department.disabledReason)); enable it first with 'coord department enable'"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the certificates this CA issued."))
        @Option(help: .tr("CA folder.")) var dir: String
        @OptionGroup var time: TimeOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() throws {
            let entries = try CertificateLedger(directory: dir).entries()
            if json { return try Output.json(entries) }
            Output.table(["SERIAL", "KIND", "NAME", "DEPARTMENT", "ROLE", "EXPIRES", "REVOKED"], entries.map {
                [$0.serial, $0.kind, $0.commonName, $0.departmentCode ?? "-", $0.role ?? "-",
                 CLITime.current.day($0.notAfter), $0.revokedAt.map(CLITime.current.day) ?? "-"]
            })
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Revoke a certificate on the server (administrators); refused on its next call, its streams ended."),
            discussion: tr("The server knows the certificates that have called it. For one that never has, name the CA folder with --dir: the certificate is sent from the CA's ledger, which is also marked."))
        @Argument(help: .tr("Hex serial number (case, ':' and leading zeros do not matter).")) var serial: String
        @Option(help: .tr("Why it is revoked.")) var reason: String
        @Option(help: .tr("CA folder whose ledger issued the certificate.")) var dir: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let canonical = CertificateSerial.normalise(serial) else {
                throw ValidationError(tr("'\(serial)' is not a hex serial number"))
            }
            var certificatePEM = ""
            if let dir {
                guard let entry = try CertificateLedger(directory: dir).entry(serial: canonical) else {
                    throw CLIError(tr("the ledger in \(dir) has no certificate \(canonical); 'coord pki list --dir \(dir)' shows what it issued"))
                }
                certificatePEM = (try? String(contentsOfFile: entry.certificatePath, encoding: .utf8)) ?? ""
            }
            let revoked = try await connection.with(Admin_CertificateService.self) { [reason, certificatePEM] service in
                try await service.revokeCertificate(.with {
                    $0.serial = canonical
                    $0.reason = reason
                    $0.certificatePem = certificatePEM
                })
            }
            if let dir {
                try CertificateLedger(directory: dir).markRevoked(revoked.serial, at: revoked.revokedAt.date)
            }
            print(tr("revoked \(revoked.serial) (\(revoked.reason)) by \(revoked.revokedBy)"))
        }
    }

    struct Revoked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List revoked certificates (administrators)."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable { let serial: String, reason: String, revokedBy: String, revokedAt: Date }

        func run() async throws {
            let list = try await connection.with(Admin_CertificateService.self) { service in
                try await Pages.all { cursor in
                    let page = try await service.listRevokedCertificates(.with {
                        $0.pageSize = Pages.size
                        $0.cursor = cursor
                    })
                    return (page.certificates, page.nextCursor)
                }
            }
            let rows = list.map { Row(serial: $0.serial, reason: $0.reason, revokedBy: $0.revokedBy, revokedAt: $0.revokedAt.date) }
            if json { return try Output.json(rows) }
            Output.table(["SERIAL", "REASON", "BY", "AT"], rows.map {
                [$0.serial, $0.reason, $0.revokedBy, Output.timestamp($0.revokedAt)]
            })
        }
    }
}
