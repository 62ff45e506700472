import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore

/// Following a meeting, reading a case conference's records, and the leading group's compliance.
extension MeetingService {
    func live(
        request: ServerRequest<Meetings_LiveRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Meetings_MeetingSnapshot> {
        let (caller, id) = try context.caller(requiring: .meetingsParticipate, naming: request.message.meetingID, field: "meeting_id")
        _ = try await store.meeting(id, as: caller)  // not visible: NOT_FOUND before the stream opens
        let wakeups = await self.wakeups.subscribe()
        let (store, interval) = (self.store, fallbackInterval)
        return StreamingServerResponse { writer in
            var sent: Int64?
            do {
                try await StreamPump.run(wakeups: wakeups, fallback: interval) {
                    guard let version = try await store.version(of: id, as: caller), version != sent else { return }
                    let meeting = try await store.meeting(id, as: caller)
                    try await writer.write(.with { $0.meeting = meeting.proto })
                    sent = meeting.version
                    if meeting.status == .closed || meeting.status == .cancelled { throw MeetingEnded() }
                }
            } catch is MeetingEnded {
                // The last snapshot was sent; nothing more will change.
            }
            return [:]
        }
    }

    func caseConferenceRecords(
        request: ServerRequest<Meetings_CaseConferenceRecordsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_CaseConferenceRecordsResponse> {
        let caller = try context.caller(requiring: .meetingsParticipate)
        try AccessControl.require(.recordsRead, of: caller)
        let id = try WireValues.id(request.message.meetingID, field: "meeting_id")
        let readContext = try ReadContext(request.message.context, caller: caller)
        let subject = try Disclosure.caseConferenceSubject(of: try await store.meeting(id, as: caller), for: Reader(caller))
        // What the caller sees is decided by the one policy inside RecordStore, never here.
        var query = RecordQuery(subjectPseudonym: subject, limit: 200)
        var visible: [VisibleRecord] = []
        while true {
            let page = try await records.query(query, context: readContext)
            visible += page.records
            guard page.hasMore, let last = page.lastSequence, visible.count < 1000 else { break }
            query.afterSequence = last
        }
        return ServerResponse(message: try .with { $0.records = try visible.map { try $0.proto() } })
    }

    func leadingGroupCompliance(
        request: ServerRequest<Meetings_LeadingGroupComplianceRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_LeadingGroupComplianceResponse> {
        let caller = try context.caller(requiring: .meetingsManage)
        let (from, to) = (Int(request.message.fromYear), Int(request.message.toYear))
        var violations: [CoordinationError.Violation] = []
        if !(2000...2100).contains(from) { violations.append(.init(field: "from_year", description: "must be between 2000 and 2100")) }
        if !(2000...2100).contains(to) || to < from || to - from >= 50 {
            violations.append(.init(field: "to_year", description: "must be from_year or later, at most 50 years on, before 2101"))
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
        let gaps = try await store.leadingGroupGaps(in: from...to, as: caller)
        return ServerResponse(message: .with {
            $0.gaps = gaps.map { gap in
                .with {
                    $0.year = Int32(gap.year)
                    $0.jurisdictionCode = gap.jurisdiction.code
                    $0.jurisdictionNameZh = gap.jurisdiction.nameZh
                    $0.jurisdictionNameEn = gap.jurisdiction.nameEn
                }
            }
        })
    }
}

/// Ends a live stream after the meeting's last snapshot.
private struct MeetingEnded: Error {}
