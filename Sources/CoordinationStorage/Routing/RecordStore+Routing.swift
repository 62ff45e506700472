import CoordinationCore
import Foundation
import PostgresNIO

extension RecordStore {
    /// Carries out what `record`'s routing rule fired, now that it is stored as `recordID`, on
    /// `connection` inside the publishing transaction, as `caller`: its alerts, referrals and
    /// tasks through the stores' own insert paths, each audited on the chain's `audit` tail and
    /// announced with the stores' notices.
    ///
    /// Unregistered departments are skipped as for alerts: a referral to one, or a task led by
    /// one, is not opened; an unregistered alert target or cooperating department is left out.
    static func route(
        _ record: NewRecord, stored recordID: UUID, by caller: Caller, localTime: LocalTime, audit: inout AuditTail,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [RoutingOpened] {
        let source = RoutingSource(recordType: record.recordType, recordID: recordID)
        let routed = record.routed
        var opened: [RoutingOpened] = []
        for draft in routed.alerts {
            let (id, addressed, event) = try await AlertStore.insert(draft, raisedBy: caller, source: source, on: connection, logger: logger)
            audit.append(event)
            opened.append(RoutingOpened(kind: .alert, id: id.lowercased, departments: addressed))
        }
        guard !routed.referrals.isEmpty || !routed.tasks.isEmpty else { return opened }
        let named = routed.referrals.map(\.draft.toDepartment)
            + routed.tasks.flatMap { [$0.leadDepartment] + $0.cooperatingDepartments }
        let registered = try await DirectoryStore.registered(named, on: connection, logger: logger)
        for referral in routed.referrals where registered.contains(referral.draft.toDepartment) {
            let id = try await ReferralStore.insert(
                referral.draft(linking: recordID), urgency: referral.urgency, defaulted: referral.defaulted,
                acceptBy: referral.acceptBy, by: caller, at: referral.createdAt, source: source, localTime: localTime,
                audit: &audit, on: connection, logger: logger)
            opened.append(RoutingOpened(kind: .referral, id: id.lowercased, departments: [referral.draft.toDepartment]))
        }
        for task in routed.tasks where registered.contains(task.leadDepartment) {
            let draft = task.draft(record: recordID, jurisdiction: record.jurisdictionCode, registered: registered)
            let id = try await TaskStore.insert(
                draft,
                dueAt: task.dueAt, jurisdiction: record.jurisdictionCode, origin: "opened \(source.origin)", by: caller,
                at: task.createdAt, localTime: localTime, audit: &audit, on: connection, logger: logger)
            opened.append(RoutingOpened(kind: .task, id: id.lowercased, departments: [draft.leadDepartment] + draft.cooperatingDepartments))
        }
        return opened
    }
}
