import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import PluginAPI

/// `coordination.alerts.v1.AlertService`: crisis alerts (应急处置), acknowledged by every
/// targeted department and delivered to its watchers until it does.
struct AlertService: Alerts_AlertService.ServiceProtocol {
    let store: AlertStore
    let pseudonymizer: Pseudonymizer
    let clock: any CoordinationClock
    let deadlines: AlertDeadlines
    let wakeups: DatabaseWakeups
    /// How often a watcher re-reads when no notification arrives.
    var fallbackInterval: Duration = .seconds(2)
    /// How often a watcher is sent again what its department has not acknowledged.
    var redeliveryInterval: Duration = .seconds(30)

    func raiseAlert(
        request: ServerRequest<Alerts_RaiseAlertRequest>, context: ServerContext
    ) async throws -> ServerResponse<Alerts_Alert> {
        let caller = try context.caller(requiring: .alertsRaise)
        let message = request.message
        var pseudonym: String?
        var violations: [CoordinationError.Violation] = []
        if !message.subjectNationalID.isEmpty {
            do {
                pseudonym = try pseudonymizer.pseudonym(nationalID: message.subjectNationalID, field: "subject_national_id")
            } catch {
                violations += error.violations
            }
        }
        let draft: AlertDraft
        do {
            draft = try AlertRules.draft(
                severity: message.severity.domain, kind: AlertKind(rawValue: message.kind), summary: message.summary,
                targets: message.targetDepartments, subjectPseudonym: pseudonym, raisedAt: clock.now(), deadlines: deadlines)
        } catch {
            throw CoordinationError.invalidArguments(violations + error.violations)
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
        let alert = try await store.raise(draft, by: caller)
        return ServerResponse(message: alert.proto(now: clock.now()))
    }

    func getAlert(
        request: ServerRequest<Alerts_GetAlertRequest>, context: ServerContext
    ) async throws -> ServerResponse<Alerts_Alert> {
        let (caller, id) = try context.caller(requiring: .alertsRead, naming: request.message.alertID, field: "alert_id")
        let read = try PartyRead(request.message, of: caller)
        return ServerResponse(message: try await store.alert(id, as: Reader(caller), read: read).proto(now: clock.now()))
    }

    func listAlerts(
        request: ServerRequest<Alerts_ListAlertsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Alerts_ListAlertsResponse> {
        let caller = try context.caller(requiring: .alertsRead)
        let message = request.message
        var violations: [CoordinationError.Violation] = []
        var limit = PageSize.standard
        do { limit = try PageSize.limit(message.pageSize) } catch { violations += error.violations }
        let kind = message.kind.isEmpty ? nil : AlertKind(rawValue: message.kind)
        if let kind, !kind.isValid {
            violations.append(.init(field: "kind", description: "must be a code of lower-case letters, digits and hyphens"))
        }
        if !message.targetDepartment.isEmpty && !DirectoryRules.isValidDepartmentCode(message.targetDepartment) {
            violations.append(.init(field: "target_department", description: "is not a department code"))
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
        let filter = AlertStore.Filter(
            openOnly: message.openOnly,
            awaitingDepartment: message.awaitingMyAcknowledgement ? caller.departmentCode : nil, kind: kind,
            targetDepartment: message.targetDepartment.isEmpty ? nil : message.targetDepartment,
            after: try StreamCursor.alerts.decodeID(message.cursor), limit: limit)
        let (alerts, more) = try await store.list(filter, as: Reader(caller), read: try PartyRead(message, of: caller))
        let now = clock.now()
        return ServerResponse(message: .with {
            $0.alerts = alerts.map { $0.proto(now: now) }
            if more, let last = alerts.last { $0.nextCursor = StreamCursor.alerts.encode(id: last.id) }
        })
    }

    func acknowledge(
        request: ServerRequest<Alerts_AcknowledgeRequest>, context: ServerContext
    ) async throws -> ServerResponse<Alerts_AcknowledgeResponse> {
        let caller = try context.caller(requiring: .alertsAcknowledge)
        let message = request.message
        let id = try WireValues.id(message.alertID, field: "alert_id")
        if !message.departmentCode.isEmpty && message.departmentCode != caller.departmentCode {
            throw CoordinationError(
                code: .permissionDenied,
                message: "\(caller.summary) cannot acknowledge for \(message.departmentCode); each department acknowledges for itself")
        }
        if message.note.count > 2000 { throw CoordinationError.invalidArgument(field: "note", "must be at most 2000 characters") }
        let (alert, firstTime) = try await store.acknowledge(id, note: message.note, by: caller)
        return ServerResponse(message: .with {
            $0.alert = alert.proto(now: clock.now())
            $0.firstAcknowledgement = firstTime
            $0.departmentCode = caller.departmentCode
        })
    }

    func watch(
        request: ServerRequest<Alerts_WatchRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Alerts_AlertDelivery> {
        let caller = try context.caller(requiring: .alertsAcknowledge)
        let read = try PartyRead(request.message, of: caller)
        let wakeups = await self.wakeups.subscribe()
        let (store, clock, redelivery) = (self.store, self.clock, redeliveryInterval)
        let fallback = min(fallbackInterval, redeliveryInterval)
        return StreamingServerResponse { writer in
            // When each alert was last sent on this stream (monotonic: pacing, not domain time).
            var sentAt: [UUID: ContinuousClock.Instant] = [:]
            try await StreamPump.run(wakeups: wakeups, fallback: fallback) {
                let pending = try await store.unacknowledged(by: caller)
                let now = ContinuousClock.now
                let due = pending.filter { sentAt[$0.id].map { now - $0 >= redelivery } ?? true }
                sentAt = sentAt.filter { id, _ in pending.contains { $0.id == id } }
                guard !due.isEmpty else { return }
                let counts = try await store.recordDeliveries(due, to: read)
                let at = clock.now()
                for alert in due {
                    guard let count = counts[alert.id] else { continue }  // acknowledged meanwhile
                    let redelivered = sentAt[alert.id] != nil
                    try await writer.write(.with {
                        $0.alert = alert.proto(now: at)
                        $0.delivery = Int32(clamping: count)
                        $0.redelivered = redelivered
                    })
                    sentAt[alert.id] = ContinuousClock.now
                }
            }
            return [:]
        }
    }
}
