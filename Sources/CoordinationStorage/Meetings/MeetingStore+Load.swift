import CoordinationCore
import Foundation
import PostgresNIO

extension MeetingStore {
    /// Reads the whole meeting `id`, locking it when `forUpdate`; `notFound` when it does not
    /// exist or `caller` may not see it (existence is not revealed).
    static func load(
        _ id: UUID, visibleTo caller: Caller, forUpdate: Bool = false, on connection: PostgresConnection, logger: Logger
    ) async throws -> Meeting {
        guard let meeting = try await load(id, forUpdate: forUpdate, on: connection, logger: logger),
              Disclosure.shows(meeting, to: Reader(caller))
        else {
            throw CoordinationError(code: .notFound, message: "no meeting \(id.uuidString.lowercased()) is visible to \(caller.departmentCode)")
        }
        return meeting
    }

    private static func load(
        _ id: UUID, forUpdate: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> Meeting? {
        try await load([id], forUpdate: forUpdate, on: connection, logger: logger).first
    }

    /// The whole meetings `ids` that exist (and that row-level security shows), in the order of
    /// `ids`: five queries whatever their number.
    static func load(
        _ ids: [UUID], forUpdate: Bool = false, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Meeting] {
        guard !ids.isEmpty else { return [] }
        let rows = try await connection.query(
            forUpdate
                ? "SELECT \(unescaped: meetingColumns) FROM coord.meeting WHERE id = ANY(\(ids)) FOR UPDATE"
                : "SELECT \(unescaped: meetingColumns) FROM coord.meeting WHERE id = ANY(\(ids))",
            logger: logger)
        var found: [UUID: Meeting] = [:]
        for try await row in rows.decode(
            (UUID, String, String, String, Date, String, String, Int, String?, String, Int?, Int64, Date, Date?, Date?, Date?, String?).self)
        {
            guard let kind = MeetingKind(rawValue: row.1), let status = MeetingStatus(rawValue: row.9) else { continue }
            found[row.0] = Meeting(
                id: row.0, kind: kind, title: row.2, jurisdictionCode: row.3, startsAt: row.4, convener: row.5,
                convenerDepartment: row.6, quorum: row.7, subjectPseudonym: row.8, status: status, currentItem: row.10,
                version: row.11, invitees: [], createdAt: row.12, convenedAt: row.13, startedAt: row.14, endedAt: row.15,
                cancelReason: row.16)
        }
        let present = Array(found.keys)
        let invitees = try await invitees(of: present, on: connection, logger: logger)
        let agenda = try await agenda(of: present, on: connection, logger: logger)
        let decisions = try await decisions(of: present, on: connection, logger: logger)
        return ids.compactMap { id in
            guard var meeting = found[id] else { return nil }
            meeting.invitees = invitees[id] ?? []
            meeting.agenda = agenda[id] ?? []
            meeting.decisions = decisions[id] ?? []
            return meeting
        }
    }

    private static let meetingColumns = """
        id, kind, title, jurisdiction_code, starts_at, convener, convener_department, quorum, subject_pseudonym, status,
        current_item, version, created_at, convened_at, started_at, ended_at, cancel_reason
        """

    private static func invitees(
        of ids: [UUID], on connection: PostgresConnection, logger: Logger
    ) async throws -> [UUID: [Meeting.Invitee]] {
        let rows = try await connection.query(
            """
            SELECT meeting_id, department_code, is_lead, rsvp, representative_name, representative_role, rsvp_by, rsvp_at,
                   checked_in_by, checked_in_at
            FROM coord.meeting_invitee WHERE meeting_id = ANY(\(ids))
            ORDER BY meeting_id, is_lead DESC, department_code
            """, logger: logger)
        var invitees: [UUID: [Meeting.Invitee]] = [:]
        for try await (meeting, row) in rows.decode((UUID, String, Bool, String?, String?, String?, String?, Date?, String?, Date?).self)
            .map({ ($0.0, ($0.1, $0.2, $0.3, $0.4, $0.5, $0.6, $0.7, $0.8, $0.9)) })
        {
            var invitee = Meeting.Invitee(departmentCode: row.0, isLead: row.1)
            if let response = row.2.flatMap(Meeting.RSVP.Response.init(rawValue:)), let by = row.5, let at = row.6 {
                invitee.rsvp = Meeting.RSVP(
                    response: response, representativeName: row.3 ?? "", representativeRole: row.4, answeredBy: by, answeredAt: at)
            }
            if let by = row.7, let at = row.8 { invitee.checkIn = Meeting.CheckIn(by: by, at: at) }
            invitees[meeting, default: []].append(invitee)
        }
        return invitees
    }

    private static func agenda(
        of ids: [UUID], on connection: PostgresConnection, logger: Logger
    ) async throws -> [UUID: [Meeting.AgendaItem]] {
        let rows = try await connection.query(
            """
            SELECT meeting_id, position, title, presenting_department, links, minutes, minutes_by, minutes_at
            FROM coord.meeting_agenda_item WHERE meeting_id = ANY(\(ids)) ORDER BY meeting_id, position
            """, logger: logger)
        var items: [UUID: [Meeting.AgendaItem]] = [:]
        for try await (meeting, row) in rows.decode((UUID, Int, String, String, [String], String?, String?, Date?).self)
            .map({ ($0.0, ($0.1, $0.2, $0.3, $0.4, $0.5, $0.6, $0.7)) })
        {
            var item = Meeting.AgendaItem(
                position: row.0, title: row.1, presentingDepartment: row.2,
                links: row.3.compactMap { try? MeetingLink(parsing: $0, field: "links") })
            if let text = row.4, let by = row.5, let at = row.6 {
                item.minutes = Meeting.Minutes(text: text, recordedBy: by, recordedAt: at)
            }
            items[meeting, default: []].append(item)
        }
        return items
    }

    private static func decisions(
        of ids: [UUID], on connection: PostgresConnection, logger: Logger
    ) async throws -> [UUID: [MeetingDecision]] {
        let rows = try await connection.query(
            """
            SELECT meeting_id, id, agenda_item, method, text, status, votes_yes, votes_no, votes_abstain, recorded_by, opened_at,
                   decided_at
            FROM coord.meeting_decision WHERE meeting_id = ANY(\(ids)) ORDER BY meeting_id, seq
            """, logger: logger)
        var decisions: [UUID: [MeetingDecision]] = [:]
        var meetingOf: [UUID: UUID] = [:]
        for try await (meeting, row) in rows.decode((UUID, UUID, Int, String, String, String, Int, Int, Int, String, Date, Date?).self)
            .map({ ($0.0, ($0.1, $0.2, $0.3, $0.4, $0.5, $0.6, $0.7, $0.8, $0.9, $0.10, $0.11)) })
        {
            guard let method = MeetingDecision.Method(rawValue: row.2), let status = MeetingDecision.Status(rawValue: row.4)
            else { continue }
            meetingOf[row.0] = meeting
            decisions[meeting, default: []].append(MeetingDecision(
                id: row.0, agendaItem: row.1, method: method, text: row.3, status: status,
                tally: .init(yes: row.5, no: row.6, abstain: row.7), recordedBy: row.8, openedAt: row.9, decidedAt: row.10))
        }
        let votes = try await connection.query(
            """
            SELECT v.decision_id, v.department_code, v.choice, v.cast_by, v.cast_at
            FROM coord.meeting_vote v JOIN coord.meeting_decision d ON d.id = v.decision_id
            WHERE d.meeting_id = ANY(\(ids)) ORDER BY v.cast_at, v.department_code
            """, logger: logger)
        for try await (decision, department, choice, by, at) in votes.decode((UUID, String, String, String, Date).self) {
            guard let meeting = meetingOf[decision], let index = decisions[meeting]?.firstIndex(where: { $0.id == decision }),
                  let choice = MeetingDecision.Choice(rawValue: choice) else { continue }
            decisions[meeting]?[index].votes.append(.init(department: department, choice: choice, castBy: by, castAt: at))
        }
        return decisions
    }
}
