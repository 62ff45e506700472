import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import GRPCCore
import SwiftProtobuf

/// `coordination.notices.v1.NoticeService`: a department's notices, listed or streamed.
struct NoticeService: Notices_NoticeService.ServiceProtocol {
    let store: NoticeStore
    let wakeups: DatabaseWakeups
    /// How often a subscriber re-reads when no notification arrives.
    var fallbackInterval: Duration = .seconds(2)

    func listNotices(
        request: ServerRequest<Notices_ListNoticesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Notices_ListNoticesResponse> {
        let caller = try context.caller(requiring: .noticesRead)
        let language = context.language
        let message = request.message
        let limit = try PageSize.limit(message.pageSize)
        let notices = try await store.notices(
            to: caller, kind: Self.kind(message.kind),
            after: try StreamCursor.notices.decode(message.cursor), limit: limit + 1)
        return ServerResponse(message: .with {
            $0.notices = notices.prefix(limit).map { $0.proto(in: language) }
            if notices.count > limit, let last = notices.prefix(limit).last {
                $0.nextCursor = StreamCursor.notices.encode(last.sequence)
            }
        })
    }

    func subscribe(
        request: ServerRequest<Notices_SubscribeRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Notices_NoticeEvent> {
        let caller = try context.caller(requiring: .noticesRead)
        let language = context.language
        let kind = Self.kind(request.message.kind)
        let start = try StreamCursor.notices.decode(request.message.cursor)
        let wakeups = await self.wakeups.subscribe()
        let (store, interval) = (self.store, fallbackInterval)
        return StreamingServerResponse { writer in
            var after = start
            try await StreamPump.run(wakeups: wakeups, fallback: interval) {
                while true {
                    let notices = try await store.notices(to: caller, kind: kind, after: after, limit: 200)
                    for notice in notices {
                        try await writer.write(.with {
                            $0.notice = notice.proto(in: language)
                            $0.cursor = StreamCursor.notices.encode(notice.sequence)
                        })
                        after = notice.sequence
                    }
                    if notices.count < 200 { break }
                }
            }
            return [:]
        }
    }

    private static func kind(_ text: String) -> NoticeKind? {
        text.isEmpty ? nil : NoticeKind(rawValue: text)
    }
}

extension Notice {
    /// The notice, its texts in `language`.
    func proto(in language: Language) -> Notices_Notice {
        let catalog = ServerMessages.catalog(language)
        return .with {
            $0.noticeID = id
            $0.sequence = sequence
            $0.departmentCode = departmentCode
            $0.kind = kind.rawValue
            $0.subject = subject
            $0.title = title.resolved(in: catalog)
            $0.detail = detail.resolved(in: catalog)
            $0.postedAt = Google_Protobuf_Timestamp(date: postedAt)
        }
    }
}
