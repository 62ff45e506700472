import CoordinationCore
import Foundation
import PostgresNIO

extension MeetingStore {
    /// Creates the draft meeting `plan` describes, convened by `caller`. Unknown departments
    /// and jurisdictions are `invalidArgument` naming the field.
    public func create(_ plan: MeetingPlan, by caller: Caller) async throws(CoordinationError) -> Meeting {
        let now = clock.now()
        let meeting = try plan.draft(id: UUID(), by: caller, at: now)
        return try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            try await Self.requireRegistered(meeting, on: connection, logger: logger)
            try await connection.query(
                """
                INSERT INTO coord.meeting (id, kind, title, jurisdiction_code, starts_at, convener, convener_department,
                                           quorum, subject_pseudonym, status, version, created_at)
                VALUES (\(meeting.id), \(meeting.kind.rawValue), \(meeting.title), \(meeting.jurisdictionCode),
                        \(meeting.startsAt), \(meeting.convener), \(meeting.convenerDepartment), \(Int32(meeting.quorum)),
                        \(meeting.subjectPseudonym), \(meeting.status.rawValue), \(meeting.version), \(now))
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO coord.meeting_invitee (meeting_id, department_code, is_lead)
                SELECT \(meeting.id), code, lead
                FROM unnest(\(meeting.invitees.map(\.departmentCode))::text[], \(meeting.invitees.map(\.isLead))::bool[]) AS i(code, lead)
                """, logger: logger)
            try await AuditLog.append(
                Self.event(caller, "meeting.create", meeting, "\(meeting.kind.rawValue) '\(meeting.title)' in \(meeting.jurisdictionCode), invited "
                    + meeting.invitees.map { $0.departmentCode + ($0.isLead ? " (lead)" : "") }.joined(separator: ", "), at: now),
                on: connection, logger: logger)
            return try await Self.load(meeting.id, visibleTo: caller, on: connection, logger: logger)
        }
    }

    /// Applies `transition` to the meeting `id` as `caller`, in one transaction with its
    /// notices, its audit entry (`action`, `detail`) and a wake-up of live streams.
    public func change(
        _ id: UUID, by caller: Caller, action: String, detail: String,
        _ transition: @escaping @Sendable (inout Meeting, Date) throws(CoordinationError) -> Void
    ) async throws(CoordinationError) -> Meeting {
        let now = clock.now()
        return try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let before = try await Self.load(id, visibleTo: caller, forUpdate: true, on: connection, logger: logger)
            var after = before
            try transition(&after, now)
            try await Self.persist(from: before, to: after, on: connection, logger: logger)
            try await NoticeOutbox.post(MeetingNotices.drafts(from: before, to: after, localTime: localTime), at: now, on: connection, logger: logger)
            try await AuditLog.append(Self.event(caller, action, after, detail, at: now), on: connection, logger: logger)
            try await connection.query(
                "SELECT pg_notify(\(DatabaseWakeups.meetings), \(id.uuidString.lowercased()))", logger: logger)
            return try await Self.load(id, visibleTo: caller, on: connection, logger: logger)
        }
    }

    private static func event(_ caller: Caller, _ action: String, _ meeting: Meeting, _ detail: String, at date: Date) -> AuditEvent {
        AuditEvent(
            caller: caller, action: action, subjects: meeting.subjectPseudonym.map { [$0] } ?? [],
            detail: "meeting \(meeting.id.uuidString.lowercased()): \(detail)", at: date)
    }

    private static func requireRegistered(_ meeting: Meeting, on connection: PostgresConnection, logger: Logger) async throws {
        var violations: [CoordinationError.Violation] = []
        let jurisdiction = try await connection.query(
            "SELECT 1 FROM coord.jurisdiction WHERE code = \(meeting.jurisdictionCode)", logger: logger)
        var found = false
        for try await _ in jurisdiction { found = true }
        if !found {
            violations.append(.init(field: "jurisdiction_code", description: "no jurisdiction '\(meeting.jurisdictionCode)' is registered"))
        }
        let codes = meeting.invitees.map(\.departmentCode)
        let rows = try await connection.query("SELECT code FROM coord.department WHERE code = ANY(\(codes))", logger: logger)
        var known = Set<String>()
        for try await code in rows.decode(String.self) { known.insert(code) }
        for (index, code) in codes.enumerated() where !known.contains(code) {
            violations.append(.init(field: "invitees[\(index)].department_code", description: "no department '\(code)' is registered"))
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
    }

    /// Writes what changed between `before` and `after`.
    private static func persist(from before: Meeting, to after: Meeting, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE coord.meeting
            SET status = \(after.status.rawValue), current_item = \(after.currentItem.map(Int32.init)), version = \(after.version),
                convened_at = \(after.convenedAt), started_at = \(after.startedAt), ended_at = \(after.endedAt),
                cancel_reason = \(after.cancelReason)
            WHERE id = \(after.id)
            """, logger: logger)
        for invitee in after.invitees where before.invitee(invitee.departmentCode) != invitee {
            try await connection.query(
                """
                UPDATE coord.meeting_invitee
                SET rsvp = \(invitee.rsvp?.response.rawValue), representative_name = \(invitee.rsvp?.representativeName),
                    representative_role = \(invitee.rsvp?.representativeRole), rsvp_by = \(invitee.rsvp?.answeredBy),
                    rsvp_at = \(invitee.rsvp?.answeredAt), checked_in_by = \(invitee.checkIn?.by),
                    checked_in_at = \(invitee.checkIn?.at)
                WHERE meeting_id = \(after.id) AND department_code = \(invitee.departmentCode)
                """, logger: logger)
        }
        for item in after.agenda where before.agendaItem(item.position) != item {
            try await connection.query(
                """
                INSERT INTO coord.meeting_agenda_item (meeting_id, position, title, presenting_department, links,
                                                       minutes, minutes_by, minutes_at)
                VALUES (\(after.id), \(Int32(item.position)), \(item.title), \(item.presentingDepartment),
                        \(item.links.map(\.description)), \(item.minutes?.text), \(item.minutes?.recordedBy),
                        \(item.minutes?.recordedAt))
                ON CONFLICT (meeting_id, position) DO UPDATE
                SET minutes = EXCLUDED.minutes, minutes_by = EXCLUDED.minutes_by, minutes_at = EXCLUDED.minutes_at
                """, logger: logger)
        }
        for decision in after.decisions where before.decision(decision.id) != decision {
            try await connection.query(
                """
                INSERT INTO coord.meeting_decision (id, meeting_id, agenda_item, method, text, status, votes_yes, votes_no,
                                                    votes_abstain, recorded_by, opened_at, decided_at)
                VALUES (\(decision.id), \(after.id), \(Int32(decision.agendaItem)), \(decision.method.rawValue), \(decision.text),
                        \(decision.status.rawValue), \(Int32(decision.tally.yes)), \(Int32(decision.tally.no)),
                        \(Int32(decision.tally.abstain)), \(decision.recordedBy), \(decision.openedAt), \(decision.decidedAt))
                ON CONFLICT (id) DO UPDATE
                SET status = EXCLUDED.status, votes_yes = EXCLUDED.votes_yes, votes_no = EXCLUDED.votes_no,
                    votes_abstain = EXCLUDED.votes_abstain, decided_at = EXCLUDED.decided_at
                """, logger: logger)
            let recorded = Set(before.decision(decision.id)?.votedDepartments ?? [])
            for vote in decision.votes where !recorded.contains(vote.department) {
                try await connection.query(
                    """
                    INSERT INTO coord.meeting_vote (decision_id, department_code, choice, cast_by, cast_at)
                    VALUES (\(decision.id), \(vote.department), \(vote.choice.rawValue), \(vote.castBy), \(vote.castAt))
                    """, logger: logger)
            }
        }
    }
}
