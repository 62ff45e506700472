import CoordinationCore
import Foundation
import PluginAPI
import PostgresNIO

/// Crisis alerts (应急处置): raising, acknowledging per department, recording deliveries and
/// escalating what stays unacknowledged. Every change is audited in its own transaction and
/// wakes the alert streams of every server instance (``DatabaseWakeups/alerts``).
public struct AlertStore: Sendable {
    /// Which alerts a listing returns (within what the viewer may see).
    public struct Filter: Sendable, Hashable {
        /// Only alerts some targeted department has not acknowledged.
        public var openOnly: Bool
        /// Only alerts this department has not acknowledged yet.
        public var awaitingDepartment: String?
        public var kind: AlertKind?
        /// Only alerts addressed to this department.
        public var targetDepartment: String?
        /// Only alerts after this one (the last of a previous page) in the listing's order.
        public var after: UUID?
        public var limit: Int

        public init(
            openOnly: Bool = false, awaitingDepartment: String? = nil, kind: AlertKind? = nil,
            targetDepartment: String? = nil, after: UUID? = nil, limit: Int = 200
        ) {
            self.openOnly = openOnly
            self.awaitingDepartment = awaitingDepartment
            self.kind = kind
            self.targetDepartment = targetDepartment
            self.after = after
            self.limit = limit
        }
    }

    /// Where a rule-raised alert came from.
    public typealias Source = RoutingSource

    let database: Database
    let clock: any CoordinationClock
    /// The zone of the times its notices and histories name.
    let localTime: LocalTime

    public init(database: Database, clock: any CoordinationClock, localTime: LocalTime = .county) {
        self.database = database
        self.clock = clock
        self.localTime = localTime
    }

    // MARK: Raising

    /// Raises `draft` for `caller`. Every target must be a registered department.
    public func raise(_ draft: AlertDraft, by caller: Caller) async throws(CoordinationError) -> Alert {
        let id = try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            let known = try await DirectoryStore.registered(draft.targets, on: connection, logger: logger)
            let missing = draft.targets.enumerated().filter { !known.contains($0.element) }
            guard missing.isEmpty else {
                throw CoordinationError.invalidArguments(missing.map {
                    .init(field: "target_departments[\($0.offset)]", description: "no department '\($0.element)' is registered")
                })
            }
            let (id, _, event) = try await Self.insert(draft, raisedBy: caller, source: nil, on: connection, logger: logger)
            try await AuditLog.append(event, on: connection, logger: logger)
            return id
        }
        return try await alert(id, as: Reader.party(caller), read: nil)
    }

    /// Inserts `draft` and its targets (registered departments only) in the caller's
    /// transaction and wakes the alert streams at commit; returns the alert's id and the audit
    /// event the caller appends.
    static func insert(
        _ draft: AlertDraft, raisedBy caller: Caller, source: Source?, on connection: PostgresConnection, logger: Logger
    ) async throws -> (id: UUID, addressed: [String], event: AuditEvent) {
        let rows = try await connection.query(
            """
            INSERT INTO coord.alert (severity, kind, subject_pseudonym, summary, raised_by, raised_by_department,
                                     source_record_type, source_record_id, raised_at, acknowledge_by)
            VALUES (\(draft.severity.rawValue), \(draft.kind.rawValue), \(draft.subjectPseudonym), \(draft.summary),
                    \(caller.name), \(caller.departmentCode), \(source?.recordType), \(source?.recordID),
                    \(draft.raisedAt), \(draft.acknowledgeBy))
            RETURNING id
            """, logger: logger)
        var inserted: UUID?
        for try await id in rows.decode(UUID.self) { inserted = id }
        guard let id = inserted else { throw CoordinationError(code: .internalError, message: "the alert was not stored") }
        let targets = try await connection.query(
            """
            INSERT INTO coord.alert_target (alert_id, department_code)
            SELECT \(id), d.code FROM unnest(\(draft.targets)::text[]) WITH ORDINALITY AS t(code, position)
            JOIN coord.department d ON d.code = t.code
            ORDER BY t.position
            RETURNING department_code
            """, logger: logger)
        var addressed: [String] = []
        for try await code in targets.decode(String.self) { addressed.append(code) }
        try await connection.query("SELECT pg_notify(\(DatabaseWakeups.alerts), \(id.uuidString.lowercased()))", logger: logger)
        let origin = source.map { " " + $0.origin.description } ?? ""
        let event = AuditEvent(
            caller: caller, action: "alert.raise", recordIDs: source.map { [$0.recordID.uuidString.lowercased()] } ?? [],
            subjects: draft.subjectPseudonym.map { [$0] } ?? [],
            detail: "alert \(id.uuidString.lowercased()): \(draft.severity.rawValue) \(draft.kind) to "
                + (addressed.isEmpty ? "no registered department" : addressed.joined(separator: ", ")) + origin,
            at: draft.raisedAt)
        return (id, addressed, event)
    }

    // MARK: Reading

    /// The alert with `id` as `viewer` may see it; `notFound` if it does not exist or is not theirs to see.
    /// The read is audited when it discloses a person's alert to a department other than the
    /// raiser's (`reader` nil: an answer to a change the caller just made and that was audited).
    public func alert(_ id: UUID, as viewer: Reader, read: PartyRead?) async throws(CoordinationError) -> Alert {
        try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let alert = try await Self.load(id, as: viewer, on: connection, logger: logger)
            if let read {
                try await Self.auditDisclosure(of: [alert], to: read, action: "alert.read", on: connection, logger: logger)
            }
            return alert
        }
    }

    /// Up to `filter.limit` alerts matching `filter` that `viewer` may see, newest first, and
    /// whether more follow; audited like ``alert(_:as:read:)``.
    public func list(
        _ filter: Filter, as viewer: Reader, read: PartyRead
    ) async throws(CoordinationError) -> (alerts: [Alert], more: Bool) {
        let restricted = viewer.confinedTo
        return try await database.transaction(scope: AccessScope(viewer)) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.selectAlert)
                WHERE (\(restricted)::text IS NULL OR a.raised_by_department = \(restricted) OR EXISTS (
                          SELECT 1 FROM coord.alert_target v WHERE v.alert_id = a.id AND v.department_code = \(restricted)))
                  AND (NOT \(filter.openOnly) OR EXISTS (
                          SELECT 1 FROM coord.alert_target o WHERE o.alert_id = a.id AND o.acknowledged_at IS NULL))
                  AND (\(filter.awaitingDepartment)::text IS NULL OR EXISTS (
                          SELECT 1 FROM coord.alert_target w WHERE w.alert_id = a.id
                            AND w.department_code = \(filter.awaitingDepartment) AND w.acknowledged_at IS NULL))
                  AND (\(filter.targetDepartment)::text IS NULL OR EXISTS (
                          SELECT 1 FROM coord.alert_target f WHERE f.alert_id = a.id AND f.department_code = \(filter.targetDepartment)))
                  AND (\(filter.kind?.rawValue)::text IS NULL OR a.kind = \(filter.kind?.rawValue))
                  AND (\(filter.after)::uuid IS NULL OR a.seq < (SELECT p.seq FROM coord.alert p WHERE p.id = \(filter.after)))
                ORDER BY a.seq DESC
                LIMIT \(filter.limit + 1)
                """, logger: logger)
            let found = try await Self.decode(rows, on: connection, logger: logger)
            let alerts = found.prefix(filter.limit).compactMap { Disclosure.alert($0, to: viewer) }
            try await Self.auditDisclosure(of: alerts, to: read, action: "alert.read", on: connection, logger: logger)
            return (alerts, found.count > filter.limit)
        }
    }

    /// Appends one audit entry, with the read's purpose and basis, naming the persons whose
    /// alerts the reader was shown, if any (alerts raised by the reader's own department are not
    /// a disclosure).
    static func auditDisclosure(
        of alerts: [Alert], to read: PartyRead, action: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let disclosed = Disclosure.disclosures(alerts, to: read.context.caller.departmentCode)
        guard !disclosed.isEmpty else { return }
        try await AuditLog.append(
            read.event(
                action, of: "alerts " + disclosed.map { $0.id.uuidString.lowercased() }.joined(separator: ", "),
                subjects: disclosed.compactMap(\.subjectPseudonym)),
            on: connection, logger: logger)
    }

    /// The alerts `caller`'s department has not acknowledged yet, oldest first (what its
    /// watchers are owed).
    public func unacknowledged(by caller: Caller, limit: Int = 500) async throws(CoordinationError) -> [Alert] {
        let department = caller.departmentCode
        return try await database.transaction(scope: AccessScope(writer: caller)) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.selectAlert)
                JOIN coord.alert_target p ON p.alert_id = a.id
                WHERE p.department_code = \(department) AND p.acknowledged_at IS NULL
                ORDER BY a.seq
                LIMIT \(limit)
                """, logger: logger)
            return try await Self.decode(rows, on: connection, logger: logger)
        }
    }

    // MARK: Delivering and acknowledging

    /// Counts one delivery of each of `alerts` to `reader`'s department (still unacknowledged
    /// ones only); returns each alert's delivery count. Delivering a person's alert is audited
    /// (`alert.deliver`).
    public func recordDeliveries(_ alerts: [Alert], to read: PartyRead) async throws(CoordinationError) -> [UUID: Int] {
        guard !alerts.isEmpty else { return [:] }
        let (ids, department) = (alerts.map(\.id), read.context.caller.departmentCode)
        let now = clock.now()
        return try await database.transaction(scope: AccessScope(writer: read.context.caller)) { [logger = database.logger] connection in
            let rows = try await connection.query(
                """
                UPDATE coord.alert_target SET deliveries = deliveries + 1, last_delivered_at = \(now)
                WHERE department_code = \(department) AND alert_id = ANY(\(ids)) AND acknowledged_at IS NULL
                RETURNING alert_id, deliveries
                """, logger: logger)
            var counts: [UUID: Int] = [:]
            for try await (id, count) in rows.decode((UUID, Int32).self) { counts[id] = Int(count) }
            try await Self.auditDisclosure(
                of: alerts.filter { counts[$0.id] != nil }, to: read, action: "alert.deliver", on: connection, logger: logger)
            return counts
        }
    }

    /// `caller`'s department acknowledges alert `id`. Acknowledging again changes nothing and
    /// returns the alert with the first acknowledgement (`firstTime` false).
    public func acknowledge(
        _ id: UUID, note: String, by caller: Caller
    ) async throws(CoordinationError) -> (alert: Alert, firstTime: Bool) {
        let now = clock.now()
        let department = caller.departmentCode
        let firstTime = try await database.transaction(scope: AccessScope(Reader(caller))) { [logger = database.logger] connection in
            let alert = try await Self.load(id, as: Reader(caller), on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT acknowledged_at FROM coord.alert_target
                WHERE alert_id = \(id) AND department_code = \(department) FOR UPDATE
                """, logger: logger)
            var found: Date??
            for try await acknowledgedAt in rows.decode(Date?.self) { found = .some(acknowledgedAt) }
            guard let acknowledgedAt = found else {
                throw CoordinationError(
                    code: .permissionDenied,
                    message: "alert \(id.uuidString.lowercased()) is not addressed to \(department); only a targeted department acknowledges, each for itself")
            }
            guard acknowledgedAt == nil else { return false }
            try await connection.query(
                """
                UPDATE coord.alert_target
                SET acknowledged_at = \(now), acknowledged_by = \(caller.name), acknowledgement_note = \(note.isEmpty ? nil : note)
                WHERE alert_id = \(id) AND department_code = \(department)
                """, logger: logger)
            let seconds = Int(now.timeIntervalSince(alert.raisedAt).rounded())
            try await AuditLog.append(AuditEvent(
                caller: caller, action: "alert.acknowledge", subjects: alert.subjectPseudonym.map { [$0] } ?? [],
                detail: "alert \(id.uuidString.lowercased()) acknowledged for \(department) \(seconds) s after it was raised",
                at: now), on: connection, logger: logger)
            try await connection.query("SELECT pg_notify(\(DatabaseWakeups.alerts), \(id.uuidString.lowercased()))", logger: logger)
            return true
        }
        return (try await alert(id, as: Reader(caller), read: nil), firstTime)
    }

    // MARK: Helpers

    static let selectAlert = """
        SELECT a.id, a.severity, a.kind, a.subject_pseudonym, a.summary, a.raised_by, a.raised_by_department,
               a.source_record_type, a.source_record_id, a.raised_at, a.acknowledge_by
        FROM coord.alert a
        """

    private static func load(
        _ id: UUID, as viewer: Reader, on connection: PostgresConnection, logger: Logger
    ) async throws -> Alert {
        let rows = try await connection.query("\(unescaped: selectAlert) WHERE a.id = \(id)", logger: logger)
        guard let alert = try await decode(rows, on: connection, logger: logger).first.flatMap({ Disclosure.alert($0, to: viewer) }) else {
            throw CoordinationError(
                code: .notFound,
                message: "no alert '\(id.uuidString.lowercased())' exists, or it is not addressed to or raised by \(viewer.department)")
        }
        return alert
    }

    /// Decodes alert rows (``selectAlert``) and loads their targets.
    private static func decode(
        _ rows: PostgresRowSequence, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Alert] {
        var alerts: [Alert] = []
        for try await row in rows.decode(
            (UUID, String, String, String?, String, String, String, String?, UUID?, Date, Date).self)
        {
            let origin: Alert.Origin = if let type = row.7, let record = row.8 { .rule(recordType: type, recordID: record) } else { .raised }
            alerts.append(Alert(
                id: row.0, severity: AlertSeverity(rawValue: row.1) ?? .high, kind: AlertKind(rawValue: row.2),
                subjectPseudonym: row.3, hasPerson: row.3 != nil, summary: row.4, raisedBy: row.5, raisedByDepartment: row.6,
                origin: origin, raisedAt: row.9, acknowledgeBy: row.10, targets: []))
        }
        guard !alerts.isEmpty else { return [] }
        let targets = try await connection.query(
            """
            SELECT alert_id, department_code, acknowledged_at, acknowledged_by, acknowledgement_note, escalation_level,
                   deliveries, last_delivered_at
            FROM coord.alert_target WHERE alert_id = ANY(\(alerts.map(\.id)))
            ORDER BY department_code
            """, logger: logger)
        var byAlert: [UUID: [Alert.Target]] = [:]
        for try await (id, code, at, by, note, level, deliveries, last) in targets.decode(
            (UUID, String, Date?, String?, String?, Int16, Int32, Date?).self)
        {
            byAlert[id, default: []].append(Alert.Target(
                departmentCode: code, acknowledgedAt: at, acknowledgedBy: by, acknowledgementNote: note,
                escalationLevel: Int(level), deliveries: Int(deliveries), lastDeliveredAt: last))
        }
        return alerts.map { alert in
            var alert = alert
            alert.targets = byAlert[alert.id] ?? []
            return alert
        }
    }
}
