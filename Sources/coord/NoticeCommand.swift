import ArgumentParser
import CoordinationAPI
import Foundation

/// `coord notice`: the notices addressed to the caller's department.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: tr("Read your department's notices: meetings, tasks, deadlines, supervision."),
        subcommands: [List.self, Watch.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List notices, oldest first."))
        @OptionGroup var connection: ConnectionOptions
        @Option(help: .tr("Only notices of this kind, e.g. task.overdue.")) var kind: String = ""
        @Option(help: .tr("Continue after this cursor.")) var cursor: String = ""
        @Option(help: .tr("Notices per page (1-500).")) var pageSize: Int32 = 100
        @Flag(help: .tr("Print JSON instead of a table.")) var json = false

        func run() async throws {
            let request = Notices_ListNoticesRequest.with {
                $0.kind = kind
                $0.cursor = cursor
                $0.pageSize = pageSize
            }
            let response = try await connection.with(Notices_NoticeService.self) { service in
                try await service.listNotices(request)
            }
            if json {
                try Output.json(NoticeListing(notices: response.notices.map(NoticeRow.init), nextCursor: response.nextCursor))
                return
            }
            Output.table(["POSTED", "KIND", "SUBJECT", "TITLE"], response.notices.map(NoticeRow.init).map(\.cells))
            if !response.nextCursor.isEmpty { print(tr("more: --cursor \(response.nextCursor)")) }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Follow notices as they are posted (Ctrl-C to stop); resumes from --cursor."),
            discussion: tr("When the server restarts or cannot be reached, it says so and resumes from the last cursor once back, until --max-wait."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reconnect: ReconnectOptions
        @Option(help: .tr("Only notices of this kind.")) var kind: String = ""
        @Option(help: .tr("Start after this cursor (default: from the beginning).")) var cursor: String = ""
        @Flag(help: .tr("Print one JSON object per line.")) var json = false

        func run() async throws {
            let (json, kind) = (self.json, self.kind)
            let last = WatchMemory(cursor)
            try await connection.reconnecting(reconnect).run {
                let request = Notices_SubscribeRequest.with {
                    $0.kind = kind
                    $0.cursor = last.value
                }
                return try await connection.with(Notices_NoticeService.self) { service in
                    try await service.subscribe(request) { response in
                        for try await event in response.messages {
                            last.update { $0 = event.cursor }
                            let row = NoticeRow(event.notice)
                            if json {
                                try Output.jsonLine(row)
                            } else {
                                Output.line("\(row.cells.joined(separator: "  "))  [cursor \(event.cursor)]")
                            }
                        }
                        return Reconnecting.Ending.endedByServer
                    }
                }
            }
        }
    }
}

/// One notice as the CLI prints it.
struct NoticeRow: Encodable {
    var id: String
    var postedAt: String
    var kind: String
    var subject: String
    var title: String
    var detail: String

    init(_ notice: Notices_Notice) {
        id = notice.noticeID
        postedAt = Output.timestamp(notice.postedAt.date)
        kind = notice.kind
        subject = notice.subject
        title = notice.title
        detail = notice.detail
    }

    var cells: [String] { [postedAt, kind, subject, detail.isEmpty ? title : "\(title) — \(detail)"] }
}

private struct NoticeListing: Encodable {
    var notices: [NoticeRow]
    var nextCursor: String
}
