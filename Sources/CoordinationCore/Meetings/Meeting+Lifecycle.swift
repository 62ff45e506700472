import Foundation

/// The lifecycle as a pure state machine: each transition checks the state, changes the
/// value and bumps ``Meeting/version``, or throws saying what is missing.
extension Meeting {
    /// Adds an agenda item (draft or convened); returns its position.
    @discardableResult
    public mutating func addAgendaItem(
        title: String, presentingDepartment: String, links: [MeetingLink]
    ) throws(CoordinationError) -> Int {
        try require([.draft, .convened], toDo: "add agenda items")
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        var violations: [CoordinationError.Violation] = []
        if title.isEmpty || title.count > 200 {
            violations.append(.init(field: "title", description: "is required, at most 200 characters"))
        }
        if invitee(presentingDepartment) == nil {
            violations.append(.init(
                field: "presenting_department", description: "'\(presentingDepartment)' is not invited to this meeting"))
        }
        guard violations.isEmpty else { throw .invalidArguments(violations) }
        let position = (agenda.map(\.position).max() ?? 0) + 1
        agenda.append(AgendaItem(position: position, title: title, presentingDepartment: presentingDepartment, links: links))
        changed()
        return position
    }

    /// Sends the invitations (draft only).
    public mutating func convene(at date: Date) throws(CoordinationError) {
        try require([.draft], toDo: "be convened")
        status = .convened
        convenedAt = date
        changed()
    }

    /// Records `department`'s answer (convened or in session).
    public mutating func rsvp(
        department: String, response: RSVP.Response, representativeName: String, representativeRole: String?,
        by answerer: String, at date: Date
    ) throws(CoordinationError) {
        try require([.convened, .inSession], toDo: "take RSVPs")
        let index = try invitedIndex(department)
        let name = representativeName.trimmingCharacters(in: .whitespacesAndNewlines)
        if response == .attending, name.isEmpty {
            throw .invalidArgument(field: "representative.name", "name who will attend for \(department)")
        }
        let role = representativeRole?.trimmingCharacters(in: .whitespacesAndNewlines)
        invitees[index].rsvp = RSVP(
            response: response, representativeName: name, representativeRole: role?.isEmpty == false ? role : nil,
            answeredBy: answerer, answeredAt: date)
        changed()
    }

    /// Records `department` as present (convened or in session).
    public mutating func checkIn(department: String, by recorder: String, at date: Date) throws(CoordinationError) {
        try require([.convened, .inSession], toDo: "take check-ins")
        guard let index = invitees.firstIndex(where: { $0.departmentCode == department }) else {
            throw .invalidArgument(field: "department_code", "'\(department)' is not invited to this meeting")
        }
        if let previous = invitees[index].checkIn {
            throw CoordinationError(
                code: .alreadyExists, message: "\(department) already checked in (recorded by \(previous.by))")
        }
        invitees[index].checkIn = CheckIn(by: recorder, at: date)
        changed()
    }

    /// Opens the session: needs an agenda, the quorum and every lead department present.
    public mutating func start(at date: Date) throws(CoordinationError) {
        try require([.convened], toDo: "start")
        var problems = attendance.problems
        if agenda.isEmpty { problems.insert("the agenda is empty: add at least one item", at: 0) }
        guard problems.isEmpty else {
            throw CoordinationError(code: .failedPrecondition, message: "cannot start: \(Localized.joined(problems, separator: "; "))")
        }
        status = .inSession
        startedAt = date
        changed()
    }

    /// Moves the discussion to the agenda item at `position` (in session).
    public mutating func setCurrentItem(_ position: Int) throws(CoordinationError) {
        try require([.inSession], toDo: "move through the agenda")
        _ = try itemIndex(position, field: "position")
        currentItem = position
        changed()
    }

    /// Records (or replaces) the minutes of the agenda item at `position` (in session).
    public mutating func recordMinutes(
        item position: Int, text: String, by recorder: String, at date: Date
    ) throws(CoordinationError) {
        try require([.inSession], toDo: "take minutes")
        let index = try itemIndex(position, field: "agenda_item")
        let text = try Self.requiredText(text, field: "minutes")
        agenda[index].minutes = Minutes(text: text, recordedBy: recorder, recordedAt: date)
        changed()
    }

    /// Records a decision taken by consensus on the agenda item at `position` (in session).
    public mutating func recordConsensus(
        id: UUID, item position: Int, text: String, by recorder: String, at date: Date
    ) throws(CoordinationError) {
        try require([.inSession], toDo: "take decisions")
        _ = try itemIndex(position, field: "agenda_item")
        let text = try Self.requiredText(text, field: "text")
        decisions.append(MeetingDecision(
            id: id, agendaItem: position, method: .consensus, text: text, status: .adopted, recordedBy: recorder,
            openedAt: date, decidedAt: date))
        changed()
    }

    /// Puts `motion` on the agenda item at `position` to the vote (in session; one vote at a time).
    public mutating func openVote(
        id: UUID, item position: Int, motion: String, by recorder: String, at date: Date
    ) throws(CoordinationError) {
        try require([.inSession], toDo: "vote")
        _ = try itemIndex(position, field: "agenda_item")
        let motion = try Self.requiredText(motion, field: "motion")
        if let open = decisions.first(where: { $0.status == .voting }) {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "a vote is already open (decision \(open.id.uuidString.lowercased())); close it first")
        }
        decisions.append(MeetingDecision(
            id: id, agendaItem: position, method: .vote, text: motion, status: .voting, recordedBy: recorder,
            openedAt: date))
        changed()
    }

    /// Counts `department`'s vote: once per department, only departments checked in, only
    /// while the vote is open.
    public mutating func castVote(
        decision id: UUID, department: String, choice: MeetingDecision.Choice, by voter: String, at date: Date
    ) throws(CoordinationError) {
        try require([.inSession], toDo: "vote")
        let index = try decisionIndex(id)
        guard decisions[index].status == .voting else {
            throw CoordinationError(code: .failedPrecondition, message: "the vote on this motion is not open")
        }
        let invited = try invitedIndex(department)
        guard invitees[invited].checkIn != nil else {
            throw CoordinationError(
                code: .failedPrecondition, message: "\(department) has not checked in; only departments present vote")
        }
        guard !decisions[index].votedDepartments.contains(department) else {
            throw CoordinationError(code: .alreadyExists, message: "\(department) has already voted on this motion")
        }
        decisions[index].votes.append(MeetingDecision.Vote(department: department, choice: choice, castBy: voter, castAt: date))
        decisions[index].tally = decisions[index].tally.adding(choice)
        changed()
    }

    /// Closes the vote: adopted when more voted yes than no, rejected otherwise.
    public mutating func closeVote(decision id: UUID, at date: Date) throws(CoordinationError) {
        try require([.inSession], toDo: "vote")
        let index = try decisionIndex(id)
        guard decisions[index].status == .voting else {
            throw CoordinationError(code: .failedPrecondition, message: "the vote on this motion is already closed")
        }
        decisions[index].status = decisions[index].tally.passes ? .adopted : .rejected
        decisions[index].decidedAt = date
        changed()
    }

    /// Closes the meeting: in session, minutes on every agenda item, attendance met, no vote open.
    public mutating func close(at date: Date) throws(CoordinationError) {
        try require([.inSession], toDo: "close")
        var problems: [Localized] = []
        let unminuted = agenda.filter { $0.minutes == nil }.map { String($0.position) }
        if !unminuted.isEmpty {
            problems.append("minutes missing for agenda items: \(unminuted.joined(separator: ", "))")
        }
        problems += attendance.problems
        if decisions.contains(where: { $0.status == .voting }) { problems.append("a vote is still open") }
        guard problems.isEmpty else {
            throw CoordinationError(code: .failedPrecondition, message: "cannot close: \(Localized.joined(problems, separator: "; "))")
        }
        status = .closed
        endedAt = date
        changed()
    }

    /// Cancels a draft or convened meeting; returns whether invitations had gone out.
    @discardableResult
    public mutating func cancel(reason: String, at date: Date) throws(CoordinationError) -> Bool {
        try require([.draft, .convened], toDo: "be cancelled")
        let wasConvened = status == .convened
        status = .cancelled
        endedAt = date
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        cancelReason = reason.isEmpty ? nil : reason
        changed()
        return wasConvened
    }

    // MARK: - Checks

    private mutating func changed() { version += 1 }

    private func require(_ allowed: [MeetingStatus], toDo action: Localized) throws(CoordinationError) {
        guard allowed.contains(status) else {
            let states = Localized.joined(allowed.map { Localized(stringLiteral: $0.phrase) }, separator: " or ")
            throw CoordinationError(
                code: .failedPrecondition,
                message: "the meeting is \(Localized(stringLiteral: status.phrase)); only a \(states) meeting can \(action)")
        }
    }

    private func invitedIndex(_ department: String) throws(CoordinationError) -> Int {
        guard let index = invitees.firstIndex(where: { $0.departmentCode == department }) else {
            throw CoordinationError(code: .permissionDenied, message: "\(department) is not invited to this meeting")
        }
        return index
    }

    private func itemIndex(_ position: Int, field: String) throws(CoordinationError) -> Int {
        guard let index = agenda.firstIndex(where: { $0.position == position }) else {
            throw .invalidArgument(field: field, "the agenda has no item \(position) (items 1–\(agenda.count))")
        }
        return index
    }

    private func decisionIndex(_ id: UUID) throws(CoordinationError) -> Int {
        guard let index = decisions.firstIndex(where: { $0.id == id }) else {
            throw CoordinationError(code: .notFound, message: "this meeting has no decision \(id.uuidString.lowercased())")
        }
        return index
    }

    private static func requiredText(_ text: String, field: String) throws(CoordinationError) -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 10_000 else {
            throw .invalidArgument(field: field, "is required, at most 10000 characters")
        }
        return text
    }
}
