import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Shared records: publishing (idempotent on the request id) and reading through the policy,
/// under row-level security, each audited through the ledger writer before it is answered.
public struct RecordStore: Sendable {
    let database: Database
    /// The plugins active on the deployment.
    let plugins: ActivePlugins
    let ledger: LedgerWriter

    /// `ledger` must be running (it is a `Service`) for publishing and reading to complete.
    public init(database: Database, plugins: ActivePlugins, ledger: LedgerWriter) {
        self.database = database
        self.plugins = plugins
        self.ledger = ledger
    }

    /// Publishes `records` for `caller`'s department, atomically, with one audit entry;
    /// returns once they are committed.
    public func publish(_ records: [NewRecord], by caller: Caller) async throws(CoordinationError) -> [PublishOutcome] {
        try await ledger.publish(records, by: caller)
    }

    /// Inserts the records of `requests` (each one publish call of `caller`) on `connection`,
    /// inside the caller's transaction with the writer's scope applied, in one statement for all
    /// of them, and appends each request's audit entry to the chain's `audit` tail.
    static func insert(
        _ requests: [[NewRecord]], by caller: Caller, localTime: LocalTime, audit: inout AuditTail,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [[PublishOutcome]] {
        // A request id met again (a retry queued behind its first try) is looked up afterwards.
        var firsts: [NewRecord] = []
        var seen = Set<String>()
        for record in requests.joined() where seen.insert(record.requestID).inserted { firsts.append(record) }
        var inserted: [String: PublishOutcome] = [:]
        // Sequence numbers follow the requests' order.
        let rows = try await connection.query(
            """
            INSERT INTO coord.record (publisher_department, request_id, record_type, subject_pseudonym, risk_level,
                                      jurisdiction_code, fields, published_by)
            SELECT \(caller.departmentCode), r.request_id, r.record_type, NULLIF(r.subject, ''), NULLIF(r.risk, -1),
                   r.jurisdiction, r.fields::jsonb, \(caller.name)
            FROM unnest(\(firsts.map(\.requestID))::text[], \(firsts.map(\.recordType))::text[],
                        \(firsts.map { $0.subjectPseudonym ?? "" })::text[], \(firsts.map { Int16($0.riskLevel ?? -1) })::int2[],
                        \(firsts.map(\.jurisdictionCode))::text[], \(firsts.map(\.fieldsJSON))::text[])
                 WITH ORDINALITY AS r(request_id, record_type, subject, risk, jurisdiction, fields, position)
            -- A request id already stored draws no sequence number: numbers stay dense.
            WHERE NOT EXISTS (SELECT 1 FROM coord.record e
                              WHERE e.publisher_department = \(caller.departmentCode) AND e.request_id = r.request_id)
            ORDER BY r.position
            ON CONFLICT (publisher_department, request_id) DO NOTHING
            RETURNING request_id, id::text, seq
            """, logger: logger)
        for try await (requestID, id, seq) in rows.decode((String, String, Int64).self) {
            inserted[requestID] = PublishOutcome(recordID: id, sequence: seq, duplicate: false)
        }
        var results: [[PublishOutcome]] = []
        for records in requests {
            var ordered: [PublishOutcome] = []
            for record in records {
                if let outcome = inserted.removeValue(forKey: record.requestID) {
                    ordered.append(outcome)
                } else {
                    ordered.append(try await existing(record, by: caller, on: connection, logger: logger))
                }
            }
            let fresh = zip(records, ordered).filter { !$0.1.duplicate }
            if !fresh.isEmpty {
                audit.append(AuditEvent(
                    caller: caller, action: "record.publish", recordIDs: fresh.map(\.1.recordID),
                    subjects: Array(Set(fresh.compactMap(\.0.subjectPseudonym))).sorted(),
                    detail: "request ids: " + fresh.map(\.0.requestID).joined(separator: ", "),
                    recordTypes: Array(Set(fresh.map(\.0.recordType))).sorted()))
            }
            for (index, record) in records.enumerated() where !ordered[index].duplicate && !record.routed.isEmpty {
                guard let recordID = UUID(uuidString: ordered[index].recordID) else { continue }
                ordered[index].opened = try await route(
                    record, stored: recordID, by: caller, localTime: localTime, audit: &audit, on: connection, logger: logger)
            }
            results.append(ordered)
        }
        return results
    }

    /// The record a repeated request id stands for, if it is the same record.
    private static func existing(
        _ record: NewRecord, by caller: Caller, on connection: PostgresConnection, logger: Logger
    ) async throws -> PublishOutcome {
        let existing = try await connection.query(
            """
            SELECT id::text, seq, record_type, fields = \(record.fieldsJSON)::jsonb FROM coord.record
            WHERE publisher_department = \(caller.departmentCode) AND request_id = \(record.requestID)
            """, logger: logger)
        for try await (id, seq, type, sameFields) in existing.decode((String, Int64, String, Bool).self) {
            guard type == record.recordType && sameFields else {
                throw CoordinationError(
                    code: .alreadyExists,
                    message: "request id '\(record.requestID)' was already used for a different record; use a new request id")
            }
            return PublishOutcome(recordID: id, sequence: seq, duplicate: true)
        }
        throw CoordinationError(code: .internalError, message: "the record for request id '\(record.requestID)' vanished")
    }

    /// What a failed publication tells its caller.
    static func explainPublishFailure(_ error: any Error, caller: Caller) -> CoordinationError {
        let state = DatabaseErrors.sqlState(of: error) ?? (error as? CoordinationError)?.cause.flatMap(DatabaseErrors.sqlState(of:))
        switch state {
        case DatabaseErrors.SQLState.insufficientPrivilege?:
            return CoordinationError(
                code: .permissionDenied,
                message: "jurisdiction_code is outside the jurisdiction of \(caller.departmentCode); publish for your own jurisdiction or one below it")
        case DatabaseErrors.SQLState.foreignKeyViolation?:
            return .invalidArgument(
                field: "jurisdiction_code", "names no registered jurisdiction (or \(caller.departmentCode) is not a registered department)")
        default:
            return DatabaseErrors.map(error)
        }
    }

    /// One page of a read: the records shown, the cursor after the last row examined (when no
    /// more follow, the committed high-water mark, past which the next read starts), and whether
    /// more follow.
    public typealias Page = (records: [VisibleRecord], lastSequence: Int64?, hasMore: Bool)

    /// One reader of a delivery: its context, and the sequence it has seen everything up to.
    public typealias Recipient = (context: ReadContext, after: Int64)

    /// Reads records matching `query` as `context` allows, and audits the read before answering.
    public func query(
        _ query: RecordQuery, context: ReadContext, auditEmptyReads: Bool = true
    ) async throws(CoordinationError) -> Page {
        let page = try await read(query, context: context)
        if auditEmptyReads || !page.records.isEmpty {
            try await ledger.audit([Self.readAudit(page.records, query: query, context: context)])
        }
        return page
    }

    /// Reads one page of `query` once for `recipients`, who share one access scope (the same
    /// department, purpose, basis and referral: the same decisions), from the earliest of their
    /// positions; audits, in one commit, what each is shown — the records after its own
    /// position — before answering.
    public func deliver(_ query: RecordQuery, to recipients: [Recipient]) async throws(CoordinationError) -> Page {
        guard let first = recipients.first else { return ([], nil, false) }
        guard recipients.allSatisfy({ AccessScope(reader: $0.context) == AccessScope(reader: first.context) }) else {
            throw CoordinationError(code: .internalError, message: "a delivery mixed readers of different scopes")
        }
        var query = query
        query.afterSequence = recipients.map(\.after).min() ?? query.afterSequence
        let page = try await read(query, context: first.context)
        try await ledger.audit(recipients.compactMap { recipient in
            let shown = page.records.filter { $0.sequence > recipient.after }
            return shown.isEmpty ? nil : Self.readAudit(shown, query: query, context: recipient.context)
        })
        return page
    }

    /// Reads one page of `query` as `context` allows, under row-level security; unaudited, so
    /// only for ``query(_:context:auditEmptyReads:)`` and ``deliver(_:to:)``, which audit it.
    private func read(_ query: RecordQuery, context: ReadContext) async throws(CoordinationError) -> Page {
        try Disclosure.validate(context)
        let registry = plugins.current
        return try await database.transaction(scope: AccessScope(reader: context)) { [logger = database.logger] connection in
            var (scope, highWater) = (Set<String>(), Int64(0))
            let bounds = try await connection.query(
                "SELECT array(SELECT coord.visible_jurisdictions()), coord.record_high_water()", logger: logger)
            for try await (codes, committed) in bounds.decode(([String], Int64).self) {
                (scope, highWater) = (Set(codes), committed)
            }
            // Only where something may be shown: the reader's own records, and the types a view
            // may grant it; the rest is denied whoever published it.
            let grantedTypes = Array(Disclosure.grantedTypes(of: registry.recordTypes, to: context))
            let referralRecords = try Disclosure.admit(
                try await ReferralStore.access(context.referralID, on: connection, logger: logger), for: context)

            let rows = try await connection.query(
                """
                SELECT id::text, seq, record_type, publisher_department, jurisdiction_code, subject_pseudonym,
                       published_at, fields::text, risk_level
                FROM coord.record
                WHERE seq > \(query.afterSequence) AND seq <= \(highWater)
                  AND (publisher_department = \(context.caller.departmentCode) OR record_type = ANY(\(grantedTypes)::text[]))
                  AND (\(query.recordType)::text IS NULL OR record_type = \(query.recordType))
                  AND (\(query.subjectPseudonym)::text IS NULL OR subject_pseudonym = \(query.subjectPseudonym))
                  AND (\(query.publisher)::text IS NULL OR publisher_department = \(query.publisher))
                  AND (\(query.publishedAfter)::timestamptz IS NULL OR published_at >= \(query.publishedAfter))
                  AND (\(query.publishedBefore)::timestamptz IS NULL OR published_at < \(query.publishedBefore))
                ORDER BY seq
                LIMIT \(query.limit + 1)
                """, logger: logger)
            var visible: [VisibleRecord] = []
            var lastSequence: Int64?
            var examined = 0
            var hasMore = false
            for try await (id, seq, type, publisher, jurisdiction, subject, publishedAt, fields, riskLevel) in rows.decode(
                (String, Int64, String, String, String, String?, Date, String, Int16?).self)
            {
                examined += 1
                if examined > query.limit {
                    hasMore = true
                    continue
                }
                lastSequence = seq
                guard let declaration = registry.recordType(named: type)?.type,
                      case .granted(let fieldsVisible, let withheld) = Disclosure.record(
                        type: declaration, publisher: publisher, jurisdiction: jurisdiction, riskLevel: riskLevel.map(Int.init),
                        context: context, scope: scope, recordID: id, referralRecords: referralRecords)
                else { continue }
                let shown = try RecordFields.filter(json: fields, keeping: fieldsVisible)
                visible.append(VisibleRecord(
                    id: id, sequence: seq, recordType: type, publisher: publisher, jurisdictionCode: jurisdiction,
                    subjectPseudonym: Disclosure.disclosesSubject(type: declaration, visible: fieldsVisible) ? subject : nil,
                    publishedAt: publishedAt, fieldsJSON: shown.json, disclosedFields: shown.fields, withheld: withheld))
            }
            // Everything up to the high-water mark has been looked at: what was not shown never will be.
            return (visible, hasMore ? lastSequence : max(highWater, query.afterSequence), hasMore)
        }
    }

    /// The audit entry of a read that showed `records`, and its break-the-glass log, if any.
    static func readAudit(_ records: [VisibleRecord], query: RecordQuery, context: ReadContext) -> ReadAudit {
        var disclosed = Set<String>()
        for record in records {
            for field in record.disclosedFields { disclosed.insert("\(record.recordType)#\(field)") }
        }
        var subjects = Set(records.compactMap(\.subjectPseudonym))
        if let searched = query.subjectPseudonym { subjects.insert(searched) }
        let detail: String?
        switch context.legalBasis {
        case .emergency: detail = context.justification
        case .activeReferral: detail = context.referralID.map { "referral \($0.uuidString.lowercased())" }
        case .consent, .statutoryDuty: detail = context.consentReference
        }
        let event = AuditEvent(
            caller: context.caller, action: "record.read", recordIDs: records.map(\.id), fieldsDisclosed: disclosed.sorted(),
            purpose: context.purpose.rawValue, legalBasis: context.legalBasis.rawValue, subjects: subjects.sorted(),
            detail: detail, recordTypes: records.isEmpty ? nil : Array(Set(records.map(\.recordType))).sorted())
        guard context.legalBasis == .emergency else { return ReadAudit(event: event) }
        return ReadAudit(
            event: event,
            emergency: EmergencyAccess(caller: context.caller, justification: context.justification ?? "", recordIDs: records.map(\.id)))
    }
}
