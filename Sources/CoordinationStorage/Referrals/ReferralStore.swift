import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Service referrals (服务转介): creating, reading, the lifecycle and the deadline sweep.
/// Every change is audited and its notice posted in the change's own transaction; the rules
/// are ``ReferralRules``', ``ReferralLifecycle``'s and ``ReferralEscalation``'s.
public struct ReferralStore: Sendable {
    /// Which referrals a listing returns.
    public struct Filter: Sendable, Hashable {
        public enum Direction: Sendable, Hashable {
            /// To the viewer's department.
            case incoming
            /// From the viewer's department.
            case outgoing
        }

        public var direction: Direction?
        public var status: ReferralStatus?
        /// Only referrals after this one (the last of a previous page) in the listing's order.
        public var after: UUID?
        public var limit: Int

        public init(direction: Direction? = nil, status: ReferralStatus? = nil, after: UUID? = nil, limit: Int = 100) {
            self.direction = direction
            self.status = status
            self.after = after
            self.limit = limit
        }
    }

    let database: Database
    let clock: any CoordinationClock
    let escalation: ReferralEscalation
    /// The zone of the times its notices and histories name.
    let localTime: LocalTime

    /// `escalation` holds the acceptance deadlines and the leading-group office.
    public init(
        database: Database, clock: any CoordinationClock, escalation: ReferralEscalation, localTime: LocalTime = .county
    ) {
        self.database = database
        self.clock = clock
        self.escalation = escalation
        self.localTime = localTime
    }

    // MARK: Creating

    /// Refers the person of `draft` from `caller`'s department with `urgency`, checks the linked
    /// records (published by the caller's department, about the same person), records the
    /// consent, and tells the receiving department.
    public func create(
        _ draft: ReferralDraft, urgency: ReferralUrgency, defaulted: Bool, by caller: Caller
    ) async throws(CoordinationError) -> Referral {
        try ReferralRules.validate(draft, from: caller.departmentCode)
        let now = clock.now()
        let acceptBy = escalation.deadlines.acceptBy(urgency, createdAt: now)
        let id = try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            let known = try await connection.query(
                "SELECT 1 FROM coord.department WHERE code = \(draft.toDepartment)", logger: logger)
            var exists = false
            for try await _ in known { exists = true }
            guard exists else {
                throw CoordinationError.invalidArgument(field: "to_department", "no department '\(draft.toDepartment)' is registered")
            }
            try await Self.checkLinkedRecords(draft, by: caller, on: connection, logger: logger)
            return try await AuditLog.appending(on: connection, logger: logger) { audit in
                try await Self.insert(
                    draft, urgency: urgency, defaulted: defaulted, acceptBy: acceptBy, by: caller, at: now, source: nil,
                    localTime: localTime, audit: &audit, on: connection, logger: logger)
            }
        }
        return try await referral(id, as: Reader.party(caller))
    }

    /// Throws `invalidArgument` naming `linked_record_ids[i]` for each linked record the caller's
    /// department did not publish (row-level security hides the others anyway) or that
    /// concerns another person.
    private static func checkLinkedRecords(
        _ draft: ReferralDraft, by caller: Caller, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !draft.linkedRecordIDs.isEmpty else { return }
        let rows = try await connection.query(
            """
            SELECT id, publisher_department, subject_pseudonym FROM coord.record
            WHERE id = ANY(\(draft.linkedRecordIDs))
            """, logger: logger)
        var found: [UUID: (String, String?)] = [:]
        for try await (id, publisher, subject) in rows.decode((UUID, String, String?).self) { found[id] = (publisher, subject) }
        var violations: [CoordinationError.Violation] = []
        for (index, id) in draft.linkedRecordIDs.enumerated() {
            let field = "linked_record_ids[\(index)]"
            guard let (publisher, subject) = found[id], publisher == caller.departmentCode else {
                violations.append(.init(
                    field: field, description: "'\(id.lowercased)' is not a record \(caller.departmentCode) published"))
                continue
            }
            if subject != draft.subjectPseudonym {
                violations.append(.init(field: field, description: "'\(id.lowercased)' concerns another person than the one referred"))
            }
        }
        if !violations.isEmpty { throw CoordinationError.invalidArguments(violations) }
    }

    // MARK: Reading

    /// Appends one audit entry naming the persons whose referrals were shown to the read's
    /// caller with their personal data, if any: those it did not write itself.
    static func auditDisclosure(
        of referrals: [Referral], to read: PartyRead, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let disclosed = Disclosure.disclosures(referrals, to: read.context.caller.departmentCode)
        guard !disclosed.isEmpty else { return }
        try await AuditLog.append(
            read.event(
                "referral.read", of: "referrals " + disclosed.map { $0.id.lowercased }.joined(separator: ", "),
                subjects: disclosed.map(\.subjectPseudonym), recordIDs: disclosed.flatMap { $0.linkedRecordIDs.map(\.lowercased) }),
            on: connection, logger: logger)
    }

    /// The referral with `id` as `viewer` may see it; `notFound` if it does not exist or the
    /// viewer may not see it.
    public func referral(_ id: UUID, as viewer: Reader) async throws(CoordinationError) -> Referral {
        try await detail(id, as: viewer, read: nil).referral
    }

    /// The referral with its history; the read is audited as ``list(_:as:read:)``'s
    /// (`read` nil: an answer to a change the caller just made and that was audited).
    public func detail(
        _ id: UUID, as viewer: Reader, read: PartyRead?
    ) async throws(CoordinationError) -> (referral: Referral, history: [ReferralEvent]) {
        try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let stored = try await Self.load(id, lock: false, on: connection, logger: logger)
            guard let stored, let shown = Disclosure.referral(stored, to: viewer) else { throw Self.notFound(id, viewer.department) }
            var history: [ReferralEvent] = []
            let rows = try await connection.query(
                """
                SELECT seq, kind, department_code, actor, detail, detail_text::text, at FROM coord.referral_event
                WHERE referral_id = \(id) ORDER BY seq
                """, logger: logger)
            for try await (seq, kind, department, actor, detail, text, at) in rows.decode(
                (Int64, String, String?, String, String, String?, Date).self)
            {
                guard let kind = ReferralEvent.Kind(rawValue: kind) else { continue }
                history.append(Disclosure.referralEvent(
                    ReferralEvent(
                        sequence: seq, kind: kind, departmentCode: department, actor: actor,
                        detail: StoredText.text(text, english: detail), at: at),
                    of: stored, to: viewer))
            }
            if let read { try await Self.auditDisclosure(of: [shown], to: read, on: connection, logger: logger) }
            return (shown, history)
        }
    }

    /// Up to `filter.limit` referrals matching `filter` that `viewer` may see, newest first, and
    /// whether more follow. Showing
    /// a person's referral to the receiving department is audited with the read's purpose and
    /// basis (the referring department wrote it; a reader who oversees is shown no personal data).
    public func list(
        _ filter: Filter, as viewer: Reader, read: PartyRead
    ) async throws(CoordinationError) -> (referrals: [Referral], more: Bool) {
        let department = viewer.department
        let (incoming, outgoing) = (filter.direction != .outgoing, filter.direction != .incoming)
        return try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.selectReferral)
                WHERE ((\(incoming) AND f.to_department = \(department))
                       OR (\(outgoing) AND f.from_department = \(department))
                       OR (\(viewer.oversees) AND \(filter.direction == nil)))
                  AND (\(filter.status?.rawValue)::text IS NULL OR f.status = \(filter.status?.rawValue))
                  AND (\(filter.after)::uuid IS NULL
                       OR (f.created_at, f.id) < (SELECT p.created_at, p.id FROM coord.referral p WHERE p.id = \(filter.after)))
                ORDER BY f.created_at DESC, f.id DESC
                LIMIT \(filter.limit + 1)
                """, logger: logger)
            let found = try await Self.decode(rows)
            let shown = found.prefix(filter.limit).compactMap { Disclosure.referral($0, to: viewer) }
            try await Self.auditDisclosure(of: shown, to: read, on: connection, logger: logger)
            return (shown, found.count > filter.limit)
        }
    }

    // MARK: Changing

    /// The receiving department accepts a pending referral.
    public func accept(_ id: UUID, note: String, by caller: Caller) async throws(CoordinationError) -> Referral {
        try ReferralRules.checkOptionalText(note, field: "note")
        return try await change(id, by: caller, kind: .accepted, note: note) { referral, party throws(CoordinationError) in
            try ReferralLifecycle.accept(referral.status, by: party)
        }
    }

    /// The receiving department declines a pending referral with `reason`.
    public func decline(_ id: UUID, reason: String, by caller: Caller) async throws(CoordinationError) -> Referral {
        try await change(id, by: caller, kind: .declined, note: reason) { referral, party throws(CoordinationError) in
            try ReferralLifecycle.decline(referral.status, by: party, reason: reason)
        }
    }

    /// The receiving department completes an accepted referral with `outcome`.
    public func complete(_ id: UUID, outcome: String, by caller: Caller) async throws(CoordinationError) -> Referral {
        try await change(id, by: caller, kind: .completed, note: outcome) { referral, party throws(CoordinationError) in
            try ReferralLifecycle.complete(referral.status, by: party, outcome: outcome)
        }
    }

    /// The referring department withdraws a pending or accepted referral.
    public func withdraw(_ id: UUID, reason: String, by caller: Caller) async throws(CoordinationError) -> Referral {
        try ReferralRules.checkOptionalText(reason, field: "reason")
        return try await change(id, by: caller, kind: .withdrawn, note: reason) { referral, party throws(CoordinationError) in
            try ReferralLifecycle.withdraw(referral.status, by: party)
        }
    }

    /// Loads the referral locked, asks `transition` for the new status, stores it with its
    /// history entry and audit entry, and tells the other party, all in one transaction.
    private func change(
        _ id: UUID, by caller: Caller, kind: ReferralEvent.Kind, note: String,
        _ transition: @escaping @Sendable (Referral, ReferralParty) throws(CoordinationError) -> ReferralStatus
    ) async throws(CoordinationError) -> Referral {
        let now = clock.now()
        try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            guard let referral = try await Self.load(id, lock: true, on: connection, logger: logger),
                  let party = referral.party(of: caller.departmentCode)
            else { throw Self.notFound(id, caller.departmentCode) }
            let status = try transition(referral, party)
            let closes = !status.isOpen
            try await connection.query(
                """
                UPDATE coord.referral
                SET status = \(status.rawValue),
                    decided_at = CASE WHEN \(status == .accepted || status == .declined) THEN \(now) ELSE decided_at END,
                    closed_at = CASE WHEN \(closes) THEN \(now) ELSE closed_at END,
                    closing_note = CASE WHEN \(closes) THEN \(note) ELSE closing_note END
                WHERE id = \(id)
                """, logger: logger)
            try await Self.record(
                kind, referral: id, by: caller, detail: Localized(verbatim: note), at: now, on: connection, logger: logger,
                audit: AuditEvent(
                    caller: caller, action: "referral.\(kind.rawValue)", subjects: [referral.subjectPseudonym],
                    detail: "referral \(id.lowercased) \(referral.status.rawValue) → \(status.rawValue)", at: now))
            let other = party == .receiving ? referral.fromDepartment : referral.toDepartment
            try await NoticeOutbox.post([
                NoticeDraft(
                    to: other, kind: Self.noticeKind(kind), subject: Referral.subject(id),
                    title: "Referral \(Localized(stringLiteral: status.rawValue)) by \(caller.departmentCode)",
                    detail: "referral from \(referral.fromDepartment) to \(referral.toDepartment) (\(Localized(stringLiteral: referral.urgency.rawValue)))"),
            ], at: now, on: connection, logger: logger)
        }
        return try await referral(id, as: Reader.party(caller))
    }

    private static func noticeKind(_ kind: ReferralEvent.Kind) -> NoticeKind {
        switch kind {
        case .accepted: .referralAccepted
        case .declined: .referralDeclined
        case .completed: .referralCompleted
        case .withdrawn: .referralWithdrawn
        case .created: .referralReceived
        case .overdue: .referralOverdue
        case .escalated: .referralEscalated
        }
    }

    // MARK: Access under a referral

    /// The referral `id` as a referral-based read needs it (to whom, open or not, which
    /// records), read on `connection` inside the reader's transaction; `nil` if `id` is `nil`
    /// or no such referral exists.
    public static func access(_ id: UUID?, on connection: PostgresConnection, logger: Logger) async throws -> ReferralAccess? {
        guard let id else { return nil }
        let rows = try await connection.query(
            """
            SELECT f.to_department, f.status,
                   ARRAY(SELECT rr.record_id::text FROM coord.referral_record rr WHERE rr.referral_id = f.id)
            FROM coord.referral f WHERE f.id = \(id)
            """, logger: logger)
        for try await (to, status, records) in rows.decode((String, String, [String]).self) {
            return ReferralAccess(
                id: id, toDepartment: to, status: ReferralStatus(rawValue: status) ?? .withdrawn,
                linkedRecordIDs: Set(records.map { $0.lowercased() }))
        }
        return nil
    }

    // MARK: Helpers

    static let selectReferral = """
        SELECT f.id, f.from_department, f.to_department, f.subject_pseudonym, f.reason, f.urgency, f.urgency_defaulted,
               f.consent_kind, f.consent_text,
               ARRAY(SELECT rr.record_id FROM coord.referral_record rr WHERE rr.referral_id = f.id ORDER BY rr.position),
               f.status, f.created_by, f.created_at, f.accept_by, f.escalation_level, f.closing_note, f.decided_at, f.closed_at,
               f.source_record_id
        FROM coord.referral f
        """

    private static func load(
        _ id: UUID, lock: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> Referral? {
        let rows = try await connection.query(
            "\(unescaped: selectReferral) WHERE f.id = \(id) \(unescaped: lock ? "FOR UPDATE OF f" : "")", logger: logger)
        return try await decode(rows).first
    }

    private static func decode(_ rows: PostgresRowSequence) async throws -> [Referral] {
        var referrals: [Referral] = []
        for try await row in rows.decode(
            (UUID, String, String, String, String, String, Bool, String, String, [UUID], String, String, Date, Date, Int16,
             String, Date?, Date?, UUID?).self)
        {
            referrals.append(Referral(
                id: row.0, fromDepartment: row.1, toDepartment: row.2, subjectPseudonym: row.3, reason: row.4,
                urgency: ReferralUrgency(rawValue: row.5) ?? .routine, urgencyDefaulted: row.6,
                consent: ReferralConsent(kind: row.7, text: row.8) ?? .given(reference: row.8), linkedRecordIDs: row.9,
                status: ReferralStatus(rawValue: row.10) ?? .pending, createdBy: row.11, createdAt: row.12, acceptBy: row.13,
                escalationLevel: Int(row.14), closingNote: row.15, decidedAt: row.16, closedAt: row.17,
                sourceRecordID: row.18))
        }
        return referrals
    }

    /// Appends to the referral's history and to the audit chain, in the caller's transaction.
    private static func record(
        _ kind: ReferralEvent.Kind, referral id: UUID, by caller: Caller, byServer: Bool = false, detail: Localized,
        at now: Date, on connection: PostgresConnection, logger: Logger, audit: AuditEvent
    ) async throws {
        try await insertEvent(kind, referral: id, by: caller, byServer: byServer, detail: detail, at: now, on: connection, logger: logger)
        try await AuditLog.append(audit, on: connection, logger: logger)
    }

    /// Appends to the referral's history, in the caller's transaction.
    static func insertEvent(
        _ kind: ReferralEvent.Kind, referral id: UUID, by caller: Caller, byServer: Bool = false, detail: Localized,
        at now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO coord.referral_event (referral_id, kind, department_code, actor, detail, detail_text, at)
            VALUES (\(id), \(kind.rawValue), \(byServer ? nil : caller.departmentCode), \(caller.name), \(detail.description),
                    \(try StoredText.json(detail))::jsonb, \(now))
            """, logger: logger)
    }

    private static func notFound(_ id: UUID, _ department: String) -> CoordinationError {
        CoordinationError(code: .notFound, message: "no referral '\(id.lowercased)' exists, or \(department) is not a party to it")
    }
}
