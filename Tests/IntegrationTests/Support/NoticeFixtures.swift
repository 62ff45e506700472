import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

extension TestServer {
    /// Notice calls as `credentials`.
    func notices<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Notices_NoticeService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Notices_NoticeService.Client(wrapping: $0)) }
    }

    /// Every notice addressed to `credentials`' department, oldest first.
    func allNotices(_ credentials: ClientCredentials, kind: String = "") async throws -> [Notices_Notice] {
        try await notices(credentials) { try await $0.listNotices(.with { $0.kind = kind; $0.pageSize = 500 }).notices }
    }

    /// Polls until `credentials`' department has a notice of `kind` (at most `timeout`).
    func waitForNotice(_ kind: String, to credentials: ClientCredentials, within timeout: Duration = .seconds(10))
        async throws -> Notices_Notice
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let notice = try await allNotices(credentials, kind: kind).first { return notice }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("no '\(kind)' notice arrived within \(timeout)")
    }

    /// Posts `drafts` directly, as a feature of the server would in its own transaction.
    func post(_ drafts: [NoticeDraft], at date: Date = Date()) async throws {
        try await EmbeddedPostgres.withClient(runtime, logger: TestLog.logger) { client in
            let database = Database(client: client, logger: TestLog.logger)
            _ = try await database.transaction { connection in
                try await NoticeOutbox.post(drafts, at: date, on: connection, logger: TestLog.logger)
            }
        }
    }

    /// Subscribes to notices as `credentials` from `cursor`, collecting events until `count`
    /// arrive or `timeout` passes.
    func receiveNotices(
        _ count: Int, as credentials: ClientCredentials, after cursor: String = "", kind: String = "",
        within timeout: Duration = .seconds(10)
    ) async throws -> [Notices_NoticeEvent] {
        let events = Mutex<[Notices_NoticeEvent]>([])
        var options = CallOptions.defaults
        options.timeout = timeout
        do {
            try await notices(credentials) { [options] client in
                try await client.subscribe(.with { $0.cursor = cursor; $0.kind = kind }, options: options) { response in
                    for try await event in response.messages {
                        if events.withLock({ $0.append(event); return $0.count >= count }) { return }
                    }
                }
            }
        } catch let error as RPCError where error.code == .deadlineExceeded {
            // Fewer than `count` arrived in time; the caller checks what did.
        }
        return events.withLock { $0 }
    }
}
