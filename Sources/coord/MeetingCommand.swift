import ArgumentParser
import CoordinationAPI
import Foundation
import GRPCNIOTransportHTTP2
import SwiftProtobuf

/// `coord meeting`: joint meetings from draft to closed.
struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: tr("Convene and run joint meetings: agenda, attendance, minutes, decisions, votes."),
        subcommands: [
            Create.self, List.self, Show.self, AgendaAdd.self, Convene.self, Rsvp.self, CheckIn.self, Start.self,
            Item.self, Minutes.self, Decide.self, VoteOpen.self, Vote.self, VoteClose.self, Close.self, Cancel.self,
            Live.self, Records.self, Compliance.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Create a draft meeting (coordinators)."),
            discussion: tr("Example:\n  coord meeting create --kind joint --title \"联席会议 2026 Q4\" --jurisdiction demo-county \\\n    --starts-at 2026-12-01T09:00:00+08:00 --invite health,education,civil-affairs --lead health"))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Option(help: .tr("leading-group, joint, case-conference or emergency.")) var kind: String
        @Option(help: .tr("Title (never a person's name).")) var title: String
        @Option(help: .tr("Jurisdiction code.")) var jurisdiction: String
        @Option(help: .tr("Scheduled start: 2026-12-01 09:00 (in --tz) or 2026-12-01T09:00:00+08:00.")) var startsAt: String
        @Option(help: .tr("Invited departments, comma-separated.")) var invite: String
        @Option(help: .tr("Lead departments (must attend), comma-separated; invited automatically.")) var lead: String = ""
        @Option(help: .tr("Departments present needed to start (default: a majority of those invited).")) var quorum: Int32 = 0
        @Option(help: .tr("Case conferences: the person's national ID number (only its pseudonym is stored)."))
        var subjectNationalId: String = ""

        func run() async throws {
            let leads = MeetingText.list(lead)
            let invited = MeetingText.list(invite) + leads.filter { !MeetingText.list(invite).contains($0) }
            let request = try Meetings_CreateMeetingRequest.with {
                $0.kind = try MeetingText.kind(kind)
                $0.title = title
                $0.jurisdictionCode = jurisdiction
                $0.startsAt = Google_Protobuf_Timestamp(date: try CLITime.date(startsAt, option: "--starts-at"))
                $0.invitees = invited.map { code in .with { $0.departmentCode = code; $0.lead = leads.contains(code) } }
                $0.quorum = quorum
                $0.subjectNationalID = subjectNationalId
            }
            let meeting = try await connection.with(Meetings_MeetingService.self) { try await $0.createMeeting(request) }
            created.report(id: meeting.meetingID, tr("created meeting \(meeting.meetingID) (draft, quorum \(meeting.quorum))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the meetings you may see, latest first."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("draft, convened, in-session, closed or cancelled.")) var status: String?
        @Option(help: .tr("leading-group, joint, case-conference or emergency.")) var kind: String?
        @Option(help: .tr("Only this jurisdiction.")) var jurisdiction: String = ""
        @Option(help: .tr("At most this many, latest first.")) var limit: Int = 100
        @Flag(help: .tr("Print JSON instead of a table.")) var json = false

        func validate() throws {
            guard limit >= 1 else { throw ValidationError(tr("--limit must be at least 1")) }
        }

        func run() async throws {
            let request = try Meetings_ListMeetingsRequest.with {
                if let status { $0.status = try MeetingText.status(status) }
                if let kind { $0.kind = try MeetingText.kind(kind) }
                $0.jurisdictionCode = jurisdiction
            }
            let (meetings, more) = try await connection.with(Meetings_MeetingService.self) { [limit] service in
                try await Pages.first(limit) { cursor, size in
                    var paged = request
                    (paged.pageSize, paged.cursor) = (size, cursor)
                    let page = try await service.listMeetings(paged)
                    return (page.meetings, page.nextCursor)
                }
            }
            defer { Pages.noteMore(more, limit: limit) }
            let rows = meetings.map(MeetingRow.init)
            if json { return try Output.json(rows) }
            Output.table(["ID", "STARTS", "KIND", "STATUS", "JURISDICTION", "PRESENT", "TITLE"], rows.map(\.cells))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Show a meeting: invitees, agenda, decisions."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Flag(help: .tr("Print the meeting as JSON.")) var json = false

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let meeting = try await connection.with(Meetings_MeetingService.self) { try await $0.getMeeting(.with { $0.meetingID = id }) }
            if json { return print(try Output.protoJSON(meeting)) }
            MeetingText.describe(meeting)
        }
    }

    struct AgendaAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "agenda-add", abstract: tr("Add an agenda item (draft or convened)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Item title.")) var title: String
        @Option(help: .tr("Presenting department (must be invited).")) var presenter: String
        @Option(help: .tr("Link: record:<uuid>, task:<uuid> or indicator:<code> (repeatable).")) var link: [String] = []

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let meeting = try await connection.with(Meetings_MeetingService.self) {
                try await $0.addAgendaItem(.with {
                    $0.meetingID = id; $0.title = title; $0.presentingDepartment = presenter; $0.links = link
                })
            }
            print(tr("added agenda item \(meeting.agenda.last?.position ?? 0)"))
        }
    }

    struct Convene: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Convene a draft meeting; invited departments are notified."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let meeting = try await connection.with(Meetings_MeetingService.self) { try await $0.convene(.with { $0.meetingID = id }) }
            print(tr("convened; notified \(meeting.invitees.map(\.departmentCode).joined(separator: ", "))"))
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Cancel a draft or convened meeting."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Why (kept on the meeting, not sent in notices).")) var reason: String = ""

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            _ = try await connection.with(Meetings_MeetingService.self) { try await $0.cancelMeeting(.with { $0.meetingID = id; $0.reason = reason }) }
            print(tr("cancelled"))
        }
    }
}
