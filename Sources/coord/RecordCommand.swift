import ArgumentParser
import BuiltInPlugins
import CoordinationAPI
import CoordinationWire
import CoordinationCore
import Foundation
import PluginAPI
import PluginPackages
import SwiftProtobuf

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: tr("Try department flows by hand: publish and query shared records."),
        subcommands: [Publish.self, Query.self, Watch.self, Types.self])

    struct Types: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the record types of the built-in plugins and their fields."))
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() throws {
            let types = try BuiltInPlugins.catalog().recordTypes
            if json {
                return try Output.json(types.map { type in
                    RecordTypeRow(
                        type: type.messageName, description: type.description,
                        fields: type.fields.map { .init(name: $0.name, sensitivity: $0.sensitivity.rawValue, publisherOnly: $0.publisherOnly) })
                })
            }
            for type in types {
                print("\(type.messageName) — \(type.description)")
                for field in type.fields {
                    print("  \(field.name) (\(Output.word(field.sensitivity.rawValue))\(field.publisherOnly ? tr(", publisher only") : ""))")
                }
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Publish one record for your department."),
            discussion: tr("Example:\n  coord record publish --identity system-education \\\n    --type coordination.education.v1.StudentScreeningReport --jurisdiction demo-county.chengguan \\\n    --request-id scr-001 --record '{\"national_id\":\"11010520070101001X\",\"school_code\":\"s1\", \\\n    \"risk_level\":1,\"screened_at\":\"2026-11-01T08:00:00Z\"}'"))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Option(help: .tr("Fully-qualified record type (see 'coord record types').")) var type: String
        @Option(help: .tr("The record as proto JSON (field names as in the .proto).")) var record: String
        @Option(help: .tr("Jurisdiction the record belongs to.")) var jurisdiction: String
        @Option(help: .tr("Idempotency key (default: a new UUID).")) var requestID: String = UUID().uuidString
        @Option(help: .tr("The plugin package file (.coordpkg) whose descriptors describe --type, for a type of a packaged plugin."))
        var package: String?

        func run() async throws {
            let packed: Google_Protobuf_Any
            do {
                packed = try package.map(packagedRecord) ?? builtInRecord()
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError(tr("--record is not a valid \(type) in proto JSON: \(error)"))
            }
            let request = Sharing_PublishRequest.with {
                $0.requestID = requestID
                $0.jurisdictionCode = jurisdiction
                $0.record = packed
            }
            let response = try await connection.with(Sharing_SharingService.self) { service in
                try await service.publish(request)
            }
            created.report(id: response.recordID, response.duplicate
                ? tr("already published \(response.recordID) (#\(response.sequence))")
                : tr("published \(response.recordID) (#\(response.sequence))"))
            // What routing opened is news to the publisher too: a crisis screening's alert and referral.
            if !created.quiet {
                for opened in response.opened {
                    print(tr("  opened \(opened.kind) \(opened.id) to \(opened.departments.joined(separator: ", "))"))
                }
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Follow records as they are published, through your department's view (Ctrl-C to stop)."),
            discussion: tr("Prints each record with its cursor; pass the last cursor to --cursor to resume without a gap. When the server restarts or cannot be reached, it says so and resumes from the last cursor once back, until --max-wait."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadContextOptions
        @OptionGroup var reconnect: ReconnectOptions
        @Option(help: .tr("Only this record type.")) var type: String = ""
        @Option(help: .tr("Resume after this cursor (default: from the beginning).")) var cursor: String = ""
        @Flag(help: .tr("Print one JSON object per event and line.")) var json = false

        func run() async throws {
            let context = try await reading.wire(connection)
            let (json, type) = (self.json, self.type)
            let last = WatchMemory(cursor)
            try await connection.reconnecting(reconnect).run {
                let request = Sharing_SubscribeRequest.with {
                    $0.context = context
                    $0.recordType = type
                    $0.cursor = last.value
                }
                return try await connection.with(Sharing_SharingService.self) { service in
                    try await service.subscribe(request) { response in
                        for try await event in response.messages {
                            last.update { $0 = event.cursor }
                            if json {
                                Output.line(try Output.protoJSON(event))
                                continue
                            }
                            let record = event.record
                            var lines = [
                                "#\(record.sequence) \(record.recordType) from \(record.publisherDepartment) in \(record.jurisdictionCode) [cursor \(event.cursor)]",
                                "  \(try record.fields.jsonString())",
                            ]
                            lines += record.withheld.map { "  withheld \($0.field): \($0.reason)" }
                            Output.line(lines.joined(separator: "\n"))
                        }
                        return Reconnecting.Ending.endedByServer
                    }
                }
            }
        }
    }

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Read records through your department's view."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadContextOptions
        @Option(help: .tr("Only this record type.")) var type: String = ""
        @Option(help: .tr("Only records about this national ID number.")) var subject: String = ""
        @Option(help: .tr("Only records of this department.")) var publisher: String = ""
        @Option(help: .tr("Records per page.")) var pageSize: Int32 = 50
        @Option(help: .tr("Continue after this cursor.")) var cursor: String = ""
        @Flag(help: .tr("Print the response as JSON.")) var json = false

        func run() async throws {
            let context = try await reading.wire(connection)
            let request = Sharing_QueryRequest.with {
                $0.context = context
                $0.recordType = type
                $0.subjectNationalID = subject
                $0.publisherDepartment = publisher
                $0.pageSize = pageSize
                $0.cursor = cursor
            }
            let page = try await connection.with(Sharing_SharingService.self) { service in
                try await service.query(request)
            }
            if json {
                return print(try Output.protoJSON(page))
            }
            for record in page.records {
                print(tr("#\(record.sequence) \(record.recordType) from \(record.publisherDepartment) in \(record.jurisdictionCode)"))
                print("  \(try record.fields.jsonString())")
                for withheld in record.withheld { print(tr("  withheld \(withheld.field): \(withheld.reason)")) }
            }
            if page.records.isEmpty && cursor.isEmpty {
                // Whether records exist that no view grants is not for this department to learn.
                print(type.isEmpty
                    ? tr("no records for \(reading.purpose) under \(reading.basis): none are published that your department may see — either there are none, or no view grants them to your department for this purpose (an administrator sees the views with 'coord plugin show <id>')")
                    : tr("no records of \(type) for \(reading.purpose) under \(reading.basis): none are published that your department may see — either there are none, or no view grants them to your department for this purpose (an administrator sees the views with 'coord plugin show <id>')"))
            }
            if !page.nextCursor.isEmpty { print(tr("more: --cursor \(page.nextCursor)")) }
        }
    }
}

/// Why and on what ground records are read: stated on every read.
struct ReadContextOptions: ParsableArguments {
    @Option(help: .tr("case-management, risk-assessment, follow-up, emergency-response or referral.")) var purpose: String
    @Option(help: .tr("statutory-duty, consent, active-referral or emergency.")) var basis: String = "statutory-duty"
    @Option(help: .tr("Consent reference, with --basis consent.")) var consent: String = ""
    @Option(help: .tr("Justification, with --basis emergency.")) var justification: String = ""
    @Option(help: .tr("The open referral to your department, with --basis active-referral.")) var referral: String = ""

    /// The wire form, `--referral` resolved from a prefix through `connection`; unknown names
    /// are a usage error.
    func wire(_ connection: ConnectionOptions) async throws -> Sharing_ReadContext {
        guard let purpose = Purpose(rawValue: purpose) else { throw ValidationError(tr("unknown --purpose '\(purpose)'")) }
        guard let basis = LegalBasis(rawValue: basis) else { throw ValidationError(tr("unknown --basis '\(basis)'")) }
        let referral = self.referral.isEmpty ? "" : try await connection.resolve(.referral, self.referral)
        return .with {
            $0.purpose = Sharing_Purpose(purpose)
            $0.legalBasis = Sharing_LegalBasis(basis)
            $0.consentReference = consent
            $0.justification = justification
            $0.referralID = referral
        }
    }
}

/// A record type as `coord record types --json` prints it.
private struct RecordTypeRow: Encodable {
    struct Field: Encodable {
        var name: String
        var sensitivity: String
        var publisherOnly: Bool
    }

    var type: String
    var description: String
    var fields: [Field]
}

extension RecordCommand.Publish {
    /// The record of a type built into the server, from its generated message.
    func builtInRecord() throws -> Google_Protobuf_Any {
        guard let messageType = try BuiltInPlugins.catalog().recordType(named: type)?.type.messageType else {
            throw ValidationError(tr("unknown record type '\(type)'; see 'coord record types', or give the plugin's --package"))
        }
        return try Google_Protobuf_Any(message: try messageType.init(jsonString: record))
    }

    /// The record of a packaged type, encoded with the descriptors of the package file at `path`.
    func packagedRecord(_ path: String) throws -> Google_Protobuf_Any {
        guard let file = FileManager.default.contents(atPath: path) else {
            throw ValidationError(tr("cannot read the package file \(path)"))
        }
        let package: PluginPackage
        do {
            package = try PluginPackage(file: file)
        } catch {
            throw ValidationError(tr("\(path): \(error)"))
        }
        let bytes = try DescriptorPool(serializedDescriptorSet: package.descriptorSet).messageType(named: type).encode(json: record)
        return .with {
            $0.typeURL = "type.googleapis.com/\(type)"
            $0.value = bytes
        }
    }
}
