import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore

/// What departments do in a meeting (RSVP, check in, vote) and the decisions coordinators record.
extension MeetingService {
    func rsvp(
        request: ServerRequest<Meetings_RsvpRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let caller = try context.caller(requiring: .meetingsParticipate)
        let message = request.message
        guard let response = message.response.response else {
            throw CoordinationError.invalidArgument(field: "response", "is required: attending or declining")
        }
        guard message.representative.name.count <= 200, message.representative.role.count <= 200 else {
            throw CoordinationError.invalidArgument(field: "representative", "name and role are at most 200 characters")
        }
        let meeting = try await store.change(
            try WireValues.id(message.meetingID, field: "meeting_id"), by: caller, action: "meeting.rsvp",
            detail: "\(caller.departmentCode) \(response.rawValue)"
        ) { meeting, now throws(CoordinationError) in
            try meeting.rsvp(
                department: caller.departmentCode, response: response, representativeName: message.representative.name,
                representativeRole: message.representative.role, by: caller.name, at: now)
        }
        return ServerResponse(message: meeting.proto)
    }

    func checkIn(
        request: ServerRequest<Meetings_CheckInRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Meeting> {
        let caller = try context.caller(requiring: .meetingsParticipate)
        let named = request.message.departmentCode
        let department = named.isEmpty ? caller.departmentCode : named
        if department != caller.departmentCode {
            // Checking in another department is a coordinator's act.
            try AccessControl.require(.meetingsManage, of: caller)
        }
        let meeting = try await store.change(
            try WireValues.id(request.message.meetingID, field: "meeting_id"), by: caller, action: "meeting.checkin",
            detail: "\(department) checked in"
        ) { meeting, now throws(CoordinationError) in
            try meeting.checkIn(department: department, by: caller.name, at: now)
        }
        return ServerResponse(message: meeting.proto)
    }

    func recordConsensus(
        request: ServerRequest<Meetings_RecordConsensusRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Decision> {
        let caller = try context.caller(requiring: .meetingsManage)
        let (message, decisionID) = (request.message, UUID())
        let position = Int(message.agendaItem)
        return try await decide(message.meetingID, decisionID, caller, action: "meeting.decision", detail: "consensus on item \(position)") {
            meeting, now throws(CoordinationError) in
            try meeting.recordConsensus(id: decisionID, item: position, text: message.text, by: caller.name, at: now)
        }
    }

    func openVote(
        request: ServerRequest<Meetings_OpenVoteRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Decision> {
        let caller = try context.caller(requiring: .meetingsManage)
        let (message, decisionID) = (request.message, UUID())
        let position = Int(message.agendaItem)
        return try await decide(message.meetingID, decisionID, caller, action: "meeting.vote.open", detail: "vote on item \(position)") {
            meeting, now throws(CoordinationError) in
            try meeting.openVote(id: decisionID, item: position, motion: message.motion, by: caller.name, at: now)
        }
    }

    func castVote(
        request: ServerRequest<Meetings_CastVoteRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Decision> {
        let caller = try context.caller(requiring: .meetingsParticipate)
        let message = request.message
        let decisionID = try WireValues.id(message.decisionID, field: "decision_id")
        guard let choice = message.choice.choice else {
            throw CoordinationError.invalidArgument(field: "choice", "is required: yes, no or abstain")
        }
        return try await decide(message.meetingID, decisionID, caller, action: "meeting.vote.cast", detail: "\(caller.departmentCode) voted") {
            meeting, now throws(CoordinationError) in
            try meeting.castVote(decision: decisionID, department: caller.departmentCode, choice: choice, by: caller.name, at: now)
        }
    }

    func closeVote(
        request: ServerRequest<Meetings_CloseVoteRequest>, context: ServerContext
    ) async throws -> ServerResponse<Meetings_Decision> {
        let caller = try context.caller(requiring: .meetingsManage)
        let decisionID = try WireValues.id(request.message.decisionID, field: "decision_id")
        return try await decide(request.message.meetingID, decisionID, caller, action: "meeting.vote.close", detail: "vote closed") {
            meeting, now throws(CoordinationError) in try meeting.closeVote(decision: decisionID, at: now)
        }
    }

    /// Applies `transition` and answers with the decision `decisionID` as it stands after it.
    private func decide(
        _ meetingID: String, _ decisionID: UUID, _ caller: Caller, action: String, detail: String,
        _ transition: @escaping @Sendable (inout Meeting, Date) throws(CoordinationError) -> Void
    ) async throws -> ServerResponse<Meetings_Decision> {
        let id = try WireValues.id(meetingID, field: "meeting_id")
        let meeting = try await store.change(
            id, by: caller, action: action, detail: "\(detail) (decision \(decisionID.uuidString.lowercased()))", transition)
        guard let decision = meeting.decision(decisionID) else {
            throw CoordinationError(code: .internalError, message: "the decision was not stored")
        }
        return ServerResponse(message: decision.proto(meeting: id))
    }
}
