import ArgumentParser
import CoordinationAPI
import Foundation

/// Following a meeting live, a case conference's records, and the leading group's compliance.
extension MeetingCommand {
    struct Live: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Follow a meeting as it happens: attendance, current item, decisions (ends when it closes)."),
            discussion: tr("When the server restarts or cannot be reached, it says so and follows again once back, until --max-wait."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reconnect: ReconnectOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Flag(help: .tr("Print each snapshot as one line of JSON.")) var json = false

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let json = self.json
            try await connection.reconnecting(reconnect).run {
                try await connection.with(Meetings_MeetingService.self) { client in
                    try await client.live(.with { $0.meetingID = id }) { response in
                        var status = Meetings_MeetingStatus.unspecified
                        for try await snapshot in response.messages {
                            status = snapshot.meeting.status
                            if json {
                                Output.line(try Output.protoJSON(snapshot.meeting))
                            } else {
                                Output.line(MeetingText.liveSummary(snapshot.meeting))
                            }
                        }
                        // The stream ends by itself when the meeting closes; otherwise the server ended it.
                        return [.closed, .cancelled].contains(status) ? Reconnecting.Ending.done : .endedByServer
                    }
                }
            }
        }
    }

    struct Records: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("A case conference's person's records, through your department's view."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadContextOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Flag(help: .tr("Print JSON lines instead of text.")) var json = false

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let context = try await reading.wire(connection)
            let records = try await connection.with(Meetings_MeetingService.self) {
                try await $0.caseConferenceRecords(.with { $0.meetingID = id; $0.context = context })
            }.records
            for record in records {
                if json {
                    print(try Output.protoJSON(record))
                    continue
                }
                print(tr("#\(record.sequence) \(record.recordType) from \(record.publisherDepartment) in \(record.jurisdictionCode)"))
                print("  \(try record.fields.jsonString())")
                for withheld in record.withheld { print(tr("  withheld \(withheld.field): \(withheld.reason)")) }
            }
            if records.isEmpty && !json { print(tr("no records visible to your department for this purpose and basis")) }
        }
    }

    struct Compliance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Years and counties whose leading group held no closed meeting (at least once a year is required)."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("First year.")) var from: Int32
        @Option(help: .tr("Last year.")) var to: Int32
        @Flag(help: .tr("Print JSON instead of a table.")) var json = false

        struct Row: Encodable {
            var year: Int32
            var jurisdiction: String
            var name: String
        }

        func run() async throws {
            let gaps = try await connection.with(Meetings_MeetingService.self) {
                try await $0.leadingGroupCompliance(.with { $0.fromYear = from; $0.toYear = to })
            }.gaps
            let rows = gaps.map { Row(year: $0.year, jurisdiction: $0.jurisdictionCode, name: Output.name(zh: $0.jurisdictionNameZh, en: $0.jurisdictionNameEn)) }
            if json { return try Output.json(rows) }
            if rows.isEmpty { return print(tr("every county's leading group met in each year \(from)–\(to)")) }
            Output.table(["YEAR", "JURISDICTION", "NAME"], rows.map { [String($0.year), $0.jurisdiction, $0.name] })
        }
    }
}
