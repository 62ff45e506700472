import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore

/// `coordination.meetings.v1.MeetingService`: joint meetings from draft to closed.
///
/// Handlers decode and validate; the lifecycle is ``Meeting``'s pure state machine, applied
/// and audited by ``MeetingStore``.
struct MeetingService: Meetings_MeetingService.ServiceProtocol {
    let store: MeetingStore
    let records: RecordStore
    let pseudonymizer: Pseudonymizer
    let wakeups: DatabaseWakeups
    /// How often a live stream re-reads when no notification arrives.
    var fallbackInterval: Duration = .seconds(2)

    func createMeeting(
        request: ServerRequest<Meetings_CreateMeetingRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let caller = try context.caller(requiring: .meetingsManage)
        let message = request.message
        let subject = message.subjectNationalID.isEmpty
            ? nil : try pseudonymizer.pseudonym(nationalID: message.subjectNationalID, field: "subject_national_id")
        let plan = MeetingPlan(
            kind: message.kind.kind, title: message.title, jurisdictionCode: message.jurisdictionCode,
            startsAt: message.hasStartsAt ? message.startsAt.date : nil,
            invitations: message.invitees.map { .init(departmentCode: $0.departmentCode, isLead: $0.lead) },
            quorum: Int(message.quorum), subjectPseudonym: subject)
        return ServerResponse(message: try await store.create(plan, by: caller).proto)
    }

    func getMeeting(
        request: ServerRequest<Meetings_GetMeetingRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let (caller, id) = try context.caller(requiring: .meetingsParticipate, naming: request.message.meetingID, field: "meeting_id")
        return ServerResponse(message: try await store.meeting(id, as: caller).proto)
    }

    func listMeetings(
        request: ServerRequest<Meetings_ListMeetingsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_ListMeetingsResponse> {
        let caller = try context.caller(requiring: .meetingsParticipate)
        let message = request.message
        let limit = try PageSize.limit(message.pageSize)
        let filter = MeetingStore.Filter(
            status: message.status.status, kind: message.kind.kind,
            jurisdictionCode: message.jurisdictionCode.isEmpty ? nil : message.jurisdictionCode,
            after: try StreamCursor.meetings.decodeID(message.cursor), limit: limit)
        let (meetings, more) = try await store.list(filter, as: caller)
        return ServerResponse(message: .with {
            $0.meetings = meetings.map(\.proto)
            if more, let last = meetings.last { $0.nextCursor = StreamCursor.meetings.encode(id: last.id) }
        })
    }

    func addAgendaItem(
        request: ServerRequest<Meetings_AddAgendaItemRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let caller = try context.caller(requiring: .meetingsManage)
        let message = request.message
        let id = try WireValues.id(message.meetingID, field: "meeting_id")
        let links = try message.links.enumerated().map { (index, text) throws(CoordinationError) in
            try MeetingLink(parsing: text, field: "links[\(index)]")
        }
        let meeting = try await store.change(
            id, by: caller, action: "meeting.agenda.add", detail: "agenda item presented by \(message.presentingDepartment)"
        ) { meeting, _ throws(CoordinationError) in
            try meeting.addAgendaItem(title: message.title, presentingDepartment: message.presentingDepartment, links: links)
        }
        return ServerResponse(message: meeting.proto)
    }

    func convene(
        request: ServerRequest<Meetings_ConveneRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        try await manage(request.message.meetingID, context, action: "meeting.convene", detail: "convened") {
            meeting, now throws(CoordinationError) in try meeting.convene(at: now)
        }
    }

    func startSession(
        request: ServerRequest<Meetings_StartSessionRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        try await manage(request.message.meetingID, context, action: "meeting.start", detail: "session started") {
            meeting, now throws(CoordinationError) in try meeting.start(at: now)
        }
    }

    func setCurrentItem(
        request: ServerRequest<Meetings_SetCurrentItemRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let position = Int(request.message.position)
        return try await manage(request.message.meetingID, context, action: "meeting.item", detail: "current item \(position)") {
            meeting, _ throws(CoordinationError) in try meeting.setCurrentItem(position)
        }
    }

    func recordMinutes(
        request: ServerRequest<Meetings_RecordMinutesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let (position, text, caller) = (Int(request.message.agendaItem), request.message.minutes, try context.caller())
        return try await manage(request.message.meetingID, context, action: "meeting.minutes", detail: "minutes of item \(position)") {
            meeting, now throws(CoordinationError) in
            try meeting.recordMinutes(item: position, text: text, by: caller.name, at: now)
        }
    }

    func closeMeeting(
        request: ServerRequest<Meetings_CloseMeetingRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        try await manage(request.message.meetingID, context, action: "meeting.close", detail: "closed") {
            meeting, now throws(CoordinationError) in try meeting.close(at: now)
        }
    }

    func cancelMeeting(
        request: ServerRequest<Meetings_CancelMeetingRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let reason = request.message.reason
        guard reason.count <= 1000 else { throw CoordinationError.invalidArgument(field: "reason", "at most 1000 characters") }
        return try await manage(request.message.meetingID, context, action: "meeting.cancel", detail: "cancelled") {
            meeting, now throws(CoordinationError) in try meeting.cancel(reason: reason, at: now)
        }
    }

    /// A coordinator's change of the meeting `id`.
    private func manage(
        _ id: String, _ context: ServerContext, action: String, detail: String,
        _ transition: @escaping @Sendable (inout Meeting, Date) throws(CoordinationError) -> Void
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let caller = try context.caller(requiring: .meetingsManage)
        let meeting = try await store.change(try WireValues.id(id, field: "meeting_id"), by: caller, action: action, detail: detail, transition)
        return ServerResponse(message: meeting.proto)
    }
}
