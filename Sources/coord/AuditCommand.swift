import ArgumentParser
import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail: verify the chain, a person's history, emergency reviews.",
        subcommands: [Verify.self, Subject.self, Emergencies.self, Review.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit hash chain in the database (no server needed). Exit 1 at the first break.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var logger = Logger(label: "coordination.audit")
            logger.logLevel = .warning
            let (settings, _) = try await database.settings(logger: logger)
            let entries = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
                try await AuditLog.entries(in: Database(client: client, logger: logger))
            }
            switch AuditChain.verify(entries) {
            case .intact(let count):
                print("audit chain intact: \(count) entries")
            case .broken(let sequence, let problem):
                print("audit chain broken at entry \(sequence): \(problem)")
                throw ExitCode(1)
            }
        }
    }

    struct Subject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who saw or wrote a person's data, when, why (coordinators, auditors). The lookup is audited.",
            discussion: """
                The national ID number is read from standard input, or asked for without echo at a terminal: \
                never from the command line, where shell history and the process list would keep it.
                Example: coord audit subject --purpose risk-assessment < id.txt
                """)
        @OptionGroup var reading: ReadContextOptions
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let sequence: Int64, at: String, who: String, department: String, role: String, action: String
            let purpose: String, legalBasis: String, recordTypes: [String], fields: [String], detail: String
        }

        func run() async throws {
            let nationalID = try Self.readNationalID()
            let context = try reading.wire()
            let entries = try await connection.withClient { client in
                try await Audit_AuditService.Client(wrapping: client).subjectHistory(.with {
                    $0.nationalID = nationalID
                    $0.context = context
                }).entries
            }
            let rows = entries.map {
                Row(sequence: $0.sequence, at: $0.at, who: $0.callerName, department: $0.callerDepartment, role: $0.callerRole,
                    action: $0.action, purpose: $0.purpose, legalBasis: $0.legalBasis, recordTypes: $0.recordTypes,
                    fields: $0.fieldsDisclosed, detail: $0.detail)
            }
            if json { return try Output.json(rows) }
            Output.table(["#", "AT", "WHO", "DEPARTMENT", "ACTION", "PURPOSE", "BASIS", "RECORD TYPES", "FIELDS"], rows.map {
                ["\($0.sequence)", $0.at, $0.who.isEmpty ? "-" : "\($0.who) (\($0.role))", $0.department, $0.action,
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
                throw CLIError("no national ID number on standard input")
            }
            return id
        }
    }

    struct Emergencies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List emergency (break-the-glass) accesses for review (coordinators).")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Only those not reviewed yet.") var open = false
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let auditSequence: Int64, who: String, department: String, justification: String, records: Int
            let accessedAt: Date, reviewedBy: String?, note: String?
        }

        func run() async throws {
            let accesses = try await connection.withClient { [open] client in
                try await Audit_AuditService.Client(wrapping: client).listEmergencyAccesses(.with { $0.openOnly = open }).accesses
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
        static let configuration = CommandConfiguration(abstract: "Close an emergency access with your finding (coordinators).")
        @Argument(help: "The audit entry number of the access.") var entry: Int64
        @Option(help: "The finding, e.g. \"justified: student taken to hospital\".") var note: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let closed = try await connection.withClient { [entry, note] client in
                try await Audit_AuditService.Client(wrapping: client).closeEmergencyAccess(.with {
                    $0.auditSequence = entry
                    $0.note = note
                })
            }
            print("reviewed emergency access \(closed.auditSequence) by \(closed.callerName): \(closed.reviewNote)")
        }
    }
}
