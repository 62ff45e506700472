import ArgumentParser
import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: tr("The audit trail: verify the chain, a person's history, emergency reviews."),
        subcommands: [Verify.self, ExportCheckpoints.self, Subject.self, Emergencies.self, Review.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Check the audit hash chain in the database (no server needed). Exit 1 at the first break."),
            discussion: tr("Every entry's hash and place, and that the lookup column of persons says what the hashed body says. With the checkpoint key's public half (--public-key, or --dev-data-dir's key), the signed checkpoints in the database are checked too, and with --checkpoints those exported earlier: together they find the newest entries removed, or the chain rewritten whole."))
        @OptionGroup var database: DatabaseOptions
        @Option(help: .tr("Public key (hex) of the audit checkpoint key.")) var publicKey: String?
        @Option(help: .tr("A file written by 'coord audit export-checkpoints', kept outside the database.")) var checkpoints: String?

        func run() async throws {
            var logger = Logger(label: "coordination.audit")
            logger.logLevel = .warning
            let (settings, _) = try await database.settings(logger: logger)
            let key = try publicKey.map { try AuditCheckpointPublicKey(hex: $0) } ?? database.devCheckpointKey(logger: logger)
            let exported = try checkpoints.map { try CheckpointFile.read($0) }
            let verification = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
                let database = Database(client: client, logger: logger)
                guard let key = try key ?? exported.map({ try AuditCheckpointPublicKey(hex: $0.publicKey) }) else {
                    return try await AuditLog.verify(in: database, with: AuditVerifier())
                }
                let signed = try await AuditLog.checkpoints(in: database) + (exported?.checkpoints ?? [])
                return try await AuditLog.verify(in: database, with: AuditVerifier(checkpoints: signed, publicKey: key))
            }
            try Self.report(verification)
            if key == nil && exported == nil {
                print(tr("no checkpoint key given: removal of the newest entries or a rewritten chain would go unnoticed (see --public-key)"))
            }
        }

        static func report(_ verification: AuditChain.Verification) throws {
            switch verification.finding {
            case .intact(let count):
                if let covered = verification.coveredThrough {
                    print(tr("audit chain intact: \(count) entries; \(verification.checkpoints) signed checkpoints vouch for entries 1 to \(covered)"))
                } else {
                    print(tr("audit chain intact: \(count) entries"))
                }
            case .broken(let sequence, let problem):
                print(tr("audit chain broken at entry \(sequence): \(problem)"))
                throw ExitCode(1)
            }
        }
    }

    struct ExportCheckpoints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-checkpoints",
            abstract: tr("Write the signed checkpoints of the audit chain to a file, to keep outside the database."))
        @OptionGroup var database: DatabaseOptions
        @Option(help: .tr("Public key (hex) of the audit checkpoint key, written into the file.")) var publicKey: String?
        @Option(help: .tr("File to write (JSON).")) var out: String

        func run() async throws {
            var logger = Logger(label: "coordination.audit")
            logger.logLevel = .warning
            guard let key = try publicKey.map({ try AuditCheckpointPublicKey(hex: $0) }) ?? database.devCheckpointKey(logger: logger) else {
                throw ValidationError(tr("name the checkpoint key's public half with --public-key (the server logs it at start)"))
            }
            let (settings, _) = try await database.settings(logger: logger)
            let checkpoints = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
                try await AuditLog.checkpoints(in: Database(client: client, logger: logger))
            }
            try CheckpointFile(publicKey: key.hex, checkpoints: checkpoints).write(to: out)
            print(tr("wrote \(checkpoints.count) checkpoints (through entry \(checkpoints.last?.sequence ?? 0)) to \(out)"))
        }
    }

    struct Subject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Who saw or wrote a person's data, when, why (coordinators, auditors). The lookup is audited."),
            discussion: tr("The national ID number is read from standard input, or asked for without echo at a terminal: never from the command line, where shell history and the process list would keep it.\nExample: coord audit subject --purpose risk-assessment < id.txt"))
        @OptionGroup var reading: ReadContextOptions
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable {
            let sequence: Int64, at: String, who: String, department: String, role: String, action: String
            let purpose: String, legalBasis: String, recordTypes: [String], fields: [String], detail: String
        }

        func run() async throws {
            let nationalID = try Self.readNationalID()
            let context = try await reading.wire(connection)
            let entries = try await connection.with(Audit_AuditService.self) { service in
                try await Pages.all { cursor in
                    let page = try await service.subjectHistory(.with {
                        $0.nationalID = nationalID
                        $0.context = context
                        $0.pageSize = Pages.size
                        $0.cursor = cursor
                    })
                    return (page.entries, page.nextCursor)
                }
            }
            let rows = entries.map {
                Row(sequence: $0.sequence, at: $0.at, who: $0.callerName, department: $0.callerDepartment, role: $0.callerRole,
                    action: $0.action, purpose: $0.purpose, legalBasis: $0.legalBasis, recordTypes: $0.recordTypes,
                    fields: $0.fieldsDisclosed, detail: $0.detail)
            }
            if json { return try Output.json(rows) }
            Output.table(["#", "AT", "WHO", "DEPARTMENT", "ACTION", "PURPOSE", "BASIS", "RECORD TYPES", "FIELDS"], rows.map {
                ["\($0.sequence)", CLITime.current.date(from: $0.at).map(Output.timestamp) ?? $0.at, $0.who.isEmpty ? "-" : "\($0.who) (\($0.role))", $0.department, $0.action,
                 $0.purpose.isEmpty ? "-" : $0.purpose, $0.legalBasis.isEmpty ? "-" : $0.legalBasis,
                 $0.recordTypes.isEmpty ? "-" : $0.recordTypes.map { $0.split(separator: ".").last.map(String.init) ?? $0 }.joined(separator: ", "),
                 "\($0.fields.count)"]
            })
        }

        /// The ID number from standard input, or asked for without echo at a terminal.
        static func readNationalID() throws -> String {
            let line: String?
            if isatty(STDIN_FILENO) != 0, let typed = getpass("national ID number: ") {
                line = String(cString: typed)
            } else {
                line = readLine(strippingNewline: true)
            }
            guard let id = line?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
                throw CLIError(tr("no national ID number on standard input"))
            }
            return id
        }
    }

    struct Emergencies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List emergency (break-the-glass) accesses for review (coordinators)."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Only those not reviewed yet.")) var open = false
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable {
            let auditSequence: Int64, who: String, department: String, justification: String, records: Int
            let accessedAt: Date, reviewedBy: String?, note: String?
        }

        func run() async throws {
            let accesses = try await connection.with(Audit_AuditService.self) { [open] service in
                try await Pages.all { cursor in
                    let page = try await service.listEmergencyAccesses(.with {
                        $0.openOnly = open
                        $0.pageSize = Pages.size
                        $0.cursor = cursor
                    })
                    return (page.accesses, page.nextCursor)
                }
            }
            let rows = accesses.map {
                Row(auditSequence: $0.auditSequence, who: $0.callerName, department: $0.callerDepartment,
                    justification: $0.justification, records: $0.recordIds.count, accessedAt: $0.accessedAt.date,
                    reviewedBy: $0.reviewedBy.isEmpty ? nil : $0.reviewedBy, note: $0.reviewNote.isEmpty ? nil : $0.reviewNote)
            }
            if json { return try Output.json(rows) }
            Output.table(["ENTRY", "WHO", "DEPARTMENT", "RECORDS", "JUSTIFICATION", "REVIEWED BY"], rows.map {
                ["\($0.auditSequence)", $0.who, $0.department, "\($0.records)", $0.justification, $0.reviewedBy ?? "(open)"]
            })
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Close an emergency access with your finding (coordinators)."))
        @Argument(help: .tr("The audit entry number of the access.")) var entry: Int64
        @Option(help: .tr("The finding, e.g. \"justified: student taken to hospital\".")) var note: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let closed = try await connection.with(Audit_AuditService.self) { [entry, note] service in
                try await service.closeEmergencyAccess(.with {
                    $0.auditSequence = entry
                    $0.note = note
                })
            }
            print(tr("reviewed emergency access \(closed.auditSequence) by \(closed.callerName): \(closed.reviewNote)"))
        }
    }
}

/// Signed audit checkpoints exported to a file kept outside the database.
struct CheckpointFile: Codable {
    var publicKey: String
    var checkpoints: [AuditCheckpoint]

    static func read(_ path: String) throws -> CheckpointFile {
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(CheckpointFile.self, from: data)
        else { throw CLIError(tr("\(path) is not a checkpoint file written by 'coord audit export-checkpoints'")) }
        return file
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}
