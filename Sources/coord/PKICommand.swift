import ArgumentParser
import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import Foundation

struct PKICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki", abstract: "Certificate authority: create, issue, list, revoke.",
        subcommands: [InitCA.self, IssueServer.self, Issue.self, List.self, Revoke.self, Revoked.self])

    struct InitCA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init-ca", abstract: "Create a CA in --dir.")
        @Option(help: "CA folder (ca.crt, ca.key mode 0600, issued.json).") var dir: String
        @Option(help: "Common name of the CA.") var name: String = "Coordination CA"
        @Option(help: "Validity in days.") var days: Int = 3650

        func run() throws {
            let authority = try CertificateAuthority.create(commonName: name, validFor: days)
            try authority.save(to: dir)
            print("created CA '\(name)' in \(dir) (serial \(authority.credential.serial))")
        }
    }

    struct IssueServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue-server", abstract: "Issue a server certificate.")
        @Option(help: "CA folder.") var dir: String
        @Option(help: "Common name.") var name: String = "localhost"
        @Option(parsing: .singleValue, help: "DNS name (repeatable).") var host: [String] = []
        @Option(parsing: .singleValue, help: "IP address (repeatable).") var ip: [String] = []
        @Option(help: "Output folder (default: the CA folder).") var out: String?
        @Option(help: "File name without extension.") var fileName: String = "server"
        @Option(help: "Validity in days.") var days: Int = 825

        func run() throws {
            let authority = try CertificateAuthority.load(from: dir)
            let hosts = host.isEmpty && ip.isEmpty ? ["localhost"] : host
            let addresses = host.isEmpty && ip.isEmpty ? ["127.0.0.1", "::1"] : ip
            let credential = try authority.issueServer(commonName: name, hostnames: hosts, ipAddresses: addresses, validFor: days)
            let paths = try credential.write(to: out ?? dir, name: fileName)
            try CertificateLedger(directory: dir).record(.init(
                serial: credential.serial, kind: "server", commonName: name, departmentCode: nil, role: nil,
                notAfter: credential.certificate.notValidAfter, certificatePath: paths.certificate))
            print("issued server certificate \(credential.serial): \(paths.certificate), \(paths.key)")
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a client certificate for a department system, or for a person with --role.")
        @Option(help: "CA folder.") var dir: String
        @Option(help: "Name of the system or person (the certificate's common name).") var name: String
        @Option(help: "Code of the department the caller acts for.") var department: String
        @Option(help: "For a person: officer, coordinator or administrator. Omit for a department system.")
        var role: String?
        @Option(help: "Output folder (default: the CA folder).") var out: String?
        @Option(help: "File name without extension (default: derived from the name).") var fileName: String?
        @Option(help: "Validity in days.") var days: Int = 365

        func run() throws {
            var kind = Caller.Kind.system
            if let role {
                guard let parsed = Role(rawValue: role) else {
                    throw ValidationError("--role must be one of officer, coordinator, administrator")
                }
                kind = .person(parsed)
            }
            let authority = try CertificateAuthority.load(from: dir)
            let credential = try authority.issueClient(kind: kind, departmentCode: department, commonName: name, validFor: days)
            let file = fileName ?? name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            let paths = try credential.write(to: out ?? dir, name: file)
            try CertificateLedger(directory: dir).record(.init(
                serial: credential.serial, kind: role == nil ? "system" : "person", commonName: name,
                departmentCode: department, role: role, notAfter: credential.certificate.notValidAfter,
                certificatePath: paths.certificate))
            print("issued \(IdentityURI.make(kind: kind, departmentCode: department)) certificate \(credential.serial): \(paths.certificate), \(paths.key)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the certificates this CA issued.")
        @Option(help: "CA folder.") var dir: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let entries = try CertificateLedger(directory: dir).entries()
            if json { return try Output.json(entries) }
            let format = ISO8601DateFormatter()
            format.formatOptions = [.withFullDate]
            Output.table(["SERIAL", "KIND", "NAME", "DEPARTMENT", "ROLE", "EXPIRES", "REVOKED"], entries.map {
                [$0.serial, $0.kind, $0.commonName, $0.departmentCode ?? "-", $0.role ?? "-",
                 format.string(from: $0.notAfter), $0.revokedAt.map(format.string(from:)) ?? "-"]
            })
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a certificate on the server (administrators); refused on its next call.")
        @Argument(help: "Hex serial number.") var serial: String
        @Option(help: "Why it is revoked.") var reason: String
        @Option(help: "CA folder whose ledger to mark (optional).") var dir: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let revoked = try await connection.withClient { [serial, reason] client in
                try await Admin_CertificateService.Client(wrapping: client).revokeCertificate(.with {
                    $0.serial = serial
                    $0.reason = reason
                })
            }
            if let dir {
                try CertificateLedger(directory: dir).markRevoked(revoked.serial, at: revoked.revokedAt.date)
            }
            print("revoked \(revoked.serial) (\(revoked.reason)) by \(revoked.revokedBy)")
        }
    }

    struct Revoked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List revoked certificates (administrators).")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable { let serial: String, reason: String, revokedBy: String, revokedAt: Date }

        func run() async throws {
            let list = try await connection.withClient { client in
                try await Admin_CertificateService.Client(wrapping: client).listRevokedCertificates(.init()).certificates
            }
            let rows = list.map { Row(serial: $0.serial, reason: $0.reason, revokedBy: $0.revokedBy, revokedAt: $0.revokedAt.date) }
            if json { return try Output.json(rows) }
            Output.table(["SERIAL", "REASON", "BY", "AT"], rows.map {
                [$0.serial, $0.reason, $0.revokedBy, ISO8601DateFormatter().string(from: $0.revokedAt)]
            })
        }
    }
}
