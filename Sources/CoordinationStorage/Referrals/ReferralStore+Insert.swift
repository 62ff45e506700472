import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

extension ReferralStore {
    /// Stores the referral `draft` made by `caller` at `now` on `connection`, in the caller's
    /// transaction: the referral, its linked records, its `created` history entry, its audit
    /// entry (on the chain's `audit` tail) and the
    /// receiving department's notice. The caller has checked the receiver and the linked
    /// records. `source` is the record whose routing rule opened it, if no department asked.
    static func insert(
        _ draft: ReferralDraft, urgency: ReferralUrgency, defaulted: Bool, acceptBy: Date, by caller: Caller, at now: Date,
        source: RoutingSource?, localTime: LocalTime, audit: inout AuditTail, on connection: PostgresConnection, logger: Logger
    ) async throws -> UUID {
        let rows = try await connection.query(
            """
            INSERT INTO coord.referral (from_department, to_department, subject_pseudonym, reason, urgency,
                                        urgency_defaulted, consent_kind, consent_text, accept_by, created_by, created_at,
                                        source_record_id)
            VALUES (\(caller.departmentCode), \(draft.toDepartment), \(draft.subjectPseudonym), \(draft.reason),
                    \(urgency.rawValue), \(defaulted), \(draft.consent.kind), \(draft.consent.text), \(acceptBy),
                    \(caller.name), \(now), \(source?.recordID))
            RETURNING id
            """, logger: logger)
        var inserted: UUID?
        for try await id in rows.decode(UUID.self) { inserted = id }
        guard let id = inserted else { throw CoordinationError(code: .internalError, message: "the referral was not stored") }
        for (position, record) in draft.linkedRecordIDs.enumerated() {
            try await connection.query(
                """
                INSERT INTO coord.referral_record (referral_id, record_id, position)
                VALUES (\(id), \(record), \(Int16(position)))
                """, logger: logger)
        }
        let urgencyText: Localized = defaulted
            ? "\(Localized(stringLiteral: urgency.rawValue)) (plugin default)" : "\(Localized(stringLiteral: urgency.rawValue))"
        let summary: Localized = source.map { "to \(draft.toDepartment); urgency \(urgencyText); accept by \(localTime.minute(acceptBy)); opened \($0.origin)" }
            ?? "to \(draft.toDepartment); urgency \(urgencyText); accept by \(localTime.minute(acceptBy))"
        try await insertEvent(.created, referral: id, by: caller, detail: summary, at: now, on: connection, logger: logger)
        audit.append(
            AuditEvent(
                caller: caller, action: "referral.create", recordIDs: draft.linkedRecordIDs.map(\.lowercased),
                subjects: [draft.subjectPseudonym],
                detail: "referral \(id.lowercased) \(summary); \(draft.consent.auditLine)", at: now))
        try await NoticeOutbox.post([
            NoticeDraft(
                to: draft.toDepartment, kind: .referralReceived, subject: Referral.subject(id),
                title: "Referral received from \(caller.departmentCode) (\(Localized(stringLiteral: urgency.rawValue)))",
                detail: source == nil
                    ? "accept or decline by \(localTime.minute(acceptBy)); \(draft.linkedRecordIDs.count) linked record(s)"
                    : "accept or decline by \(localTime.minute(acceptBy)); \(draft.linkedRecordIDs.count) linked record(s); opened by \(caller.departmentCode)'s routing rule"),
        ], at: now, on: connection, logger: logger)
        return id
    }
}
