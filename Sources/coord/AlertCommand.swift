import ArgumentParser
import CoordinationAPI
import CoordinationClient
import Foundation
import GRPCCore
import PluginAPI

/// `coord alert`: crisis alerts (应急处置) — raise, list, show, acknowledge, and watch while on duty.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: tr("Crisis alerts: raise, list, show, acknowledge for your department, watch while on duty."),
        subcommands: [Watch.self, Ack.self, Raise.self, List.self, Show.self])

    struct Raise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Raise an alert (department systems, officers, coordinators)."))
        @Option(help: .tr("critical, high or moderate.")) var severity: String
        @Option(help: .tr("What it is about, e.g. self-harm-risk, violence-risk, missing-person, disorder-relapse.")) var kind: String
        @Option(help: .tr("What the receiving departments need to know (never put into notices).")) var summary: String
        @Option(name: .customLong("target"), help: .tr("A department that must acknowledge; repeat, or separate with commas. Default: the kind's departments."))
        var targets: [String] = []
        @Option(help: .tr("The person's national ID number (only its pseudonym is stored).")) var nationalID: String = ""
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = try Alerts_RaiseAlertRequest.with {
                $0.severity = try TaskArguments.value(severity, AlertSeverity.self, option: "--severity")
                $0.kind = kind
                $0.summary = summary
                $0.targetDepartments = targets.flatMap { $0.split(separator: ",").map(String.init) }
                $0.subjectNationalID = nationalID
            }
            let alert = try await connection.with(Alerts_AlertService.self) { service in
                try await service.raiseAlert(request)
            }
            let row = AlertRow(alert)
            if json { return try Output.json(row) }
            created.report(id: row.id, tr("raised alert \(row.id): \(Output.word(row.severity)) \(Output.word(row.kind)) to \(row.targets.map(\.department).joined(separator: ", ")); acknowledge by \(Output.timestamp(row.acknowledgeBy))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List alerts, newest first: those addressed to or raised by your department (coordinators: all)."))
        @Flag(help: .tr("Only alerts some department has not acknowledged.")) var open = false
        @Flag(help: .tr("Only alerts your department has not acknowledged yet.")) var mine = false
        @Option(help: .tr("Only alerts of this kind.")) var kind: String = ""
        @Option(help: .tr("Only alerts addressed to this department.")) var target: String = ""
        @Option(help: .tr("At most this many, newest first.")) var limit: Int = 100
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func validate() throws {
            guard limit >= 1 else { throw ValidationError(tr("--limit must be at least 1")) }
        }

        func run() async throws {
            let request = Alerts_ListAlertsRequest.with {
                $0.openOnly = open
                $0.awaitingMyAcknowledgement = mine
                $0.kind = kind
                $0.targetDepartment = target
            }
            let (alerts, more) = try await connection.with(Alerts_AlertService.self) { [limit] service in
                try await Pages.first(limit) { cursor, size in
                    var paged = request
                    (paged.pageSize, paged.cursor) = (size, cursor)
                    let page = try await service.listAlerts(paged)
                    return (page.alerts, page.nextCursor)
                }
            }
            defer { Pages.noteMore(more, limit: limit) }
            let rows = alerts.map(AlertRow.init)
            if json { return try Output.json(rows) }
            Output.table(
                ["ID", "RAISED", "SEVERITY", "KIND", "RAISED BY", "ACK BY", "TARGETS", "STATUS"],
                rows.map { row in
                    [IDPrefix.short(row.id), Output.timestamp(row.raisedAt), row.severity, row.kind, row.raisedByDepartment,
                     Output.timestamp(row.acknowledgeBy), row.targets.map(\.cell).joined(separator: " "),
                     row.open ? (row.targets.contains(where: \.overdue) ? "OVERDUE" : "open") : "acknowledged"]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("One alert and each targeted department's acknowledgement."))
        @Argument(help: .tr("The alert's id.")) var id: String
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let id = try await connection.resolve(.alert, id)
            let alert = try await connection.with(Alerts_AlertService.self) { [id] service in
                try await service.getAlert(.with { $0.alertID = id })
            }
            let row = AlertRow(alert)
            if json { return try Output.json(row) }
            print("\(Output.word(row.severity).uppercased()) \(Output.word(row.kind))  [\(row.open ? tr("open") : tr("acknowledged by all"))]")
            print(tr("id \(row.id); raised by \(row.raisedBy) (\(row.raisedByDepartment)) at \(Output.timestamp(row.raisedAt)); acknowledge by \(Output.timestamp(row.acknowledgeBy))"))
            if let record = row.sourceRecordID { print(tr("raised by the routing rule of \(row.sourceRecordType ?? "-") record \(record)")) }
            if let person = row.subjectPseudonym { print(tr("person: \(person)")) } else if row.hasPerson { print(tr("person: (withheld)")) }
            print(row.summary.map { tr("summary: \($0)") } ?? tr("summary: (withheld)"))
            print("")
            Output.table(["DEPARTMENT", "ACKNOWLEDGED", "BY", "TIME TO ACK", "ESCALATION", "DELIVERIES", "NOTE"], row.targets.map { target in
                [target.department, target.acknowledgedAt.map(Output.timestamp) ?? (target.overdue ? tr("OVERDUE") : "-"),
                 target.acknowledgedBy ?? "-", target.secondsToAcknowledge.map(AlertRow.duration) ?? "-",
                 "\(target.escalationLevel)", "\(target.deliveries)", target.note ?? ""]
            })
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Acknowledge an alert for your own department."))
        @Argument(help: .tr("The alert's id.")) var id: String
        @Option(help: .tr("What your department is doing about it.")) var note: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.alert, id)
            let response = try await connection.with(Alerts_AlertService.self) { [id, note] service in
                try await service.acknowledge(.with {
                    $0.alertID = id
                    $0.note = note
                })
            }
            print(AlertRow.acknowledgement(response))
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Follow the alerts addressed to your department, for people on duty (Ctrl-C to stop)."),
            discussion: tr("First prints every alert your department has not acknowledged, then each new one as it is raised. An alert still unacknowledged is sent again as a reminder. Each alert shows the command that acknowledges it; --ack-all acknowledges each one as it is shown. When the server restarts or cannot be reached, it says so and reconnects until --max-wait."))
        @Flag(help: .tr("Acknowledge every alert as it is shown (prints 'acknowledged').")) var ackAll = false
        @Option(help: .tr("The note to acknowledge with (with --ack-all).")) var note: String = ""
        @Option(help: .tr("Stop after this many distinct alerts (for scripts).")) var exitAfter: Int?
        @Flag(help: .tr("Print one JSON object per line.")) var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reconnect: ReconnectOptions

        func validate() throws {
            if let exitAfter, exitAfter < 1 { throw ValidationError(tr("--exit-after must be at least 1")) }
        }

        func run() async throws {
            let (ackAll, note, exitAfter, json) = (self.ackAll, self.note, self.exitAfter, self.json)
            // Alerts shown, kept across reconnections: the server sends every unacknowledged one again.
            let seen = WatchMemory(Set<String>())
            try await connection.reconnecting(reconnect).run {
                try await connection.with(Alerts_AlertService.self) { alerts in
                    try await alerts.watch(Alerts_WatchRequest()) { response in
                        for try await delivery in response.messages {
                            let row = AlertRow(delivery.alert)
                            var first = false
                            seen.update { first = $0.insert(row.id).inserted }
                            var acknowledged: String?
                            if ackAll && first {
                                let response = try await alerts.acknowledge(.with {
                                    $0.alertID = row.id
                                    $0.note = note
                                })
                                acknowledged = AlertRow.acknowledgement(response)
                            }
                            if json {
                                try Output.jsonLine(WatchLine(
                                    alert: row, delivery: delivery.delivery, reminder: !first, acknowledged: acknowledged != nil))
                            } else {
                                Output.line(first ? row.watchText : tr("REMINDER (delivery \(delivery.delivery)) — still unacknowledged: \(row.headline)"))
                                Output.line(acknowledged.map { "  \($0)" } ?? "  " + tr("acknowledge: coord alert ack \(row.id) --note \"...\""))
                            }
                            if let exitAfter, first, seen.value.count >= exitAfter { return .done }
                        }
                        return .endedByServer
                    }
                }
            }
        }
    }
}

private struct WatchLine: Encodable {
    var alert: AlertRow
    var delivery: Int32
    /// Sent again because it is still unacknowledged.
    var reminder: Bool
    /// Acknowledged by this watcher (`--ack-all`).
    var acknowledged: Bool
}

/// One alert as the CLI prints it.
struct AlertRow: Encodable {
    struct Target: Encodable {
        var department: String
        var acknowledged: Bool
        var acknowledgedAt: Date?
        var acknowledgedBy: String?
        var note: String?
        var secondsToAcknowledge: Int64?
        var escalationLevel: Int32
        var deliveries: Int32
        var overdue: Bool

        var cell: String { department + (acknowledged ? "✓" : overdue ? "!" : "…") }
    }

    var id: String
    var severity: String
    var kind: String
    var hasPerson: Bool
    var subjectPseudonym: String?
    var summary: String?
    var raisedBy: String
    var raisedByDepartment: String
    var sourceRecordType: String?
    var sourceRecordID: String?
    var raisedAt: Date
    var acknowledgeBy: Date
    var open: Bool
    var targets: [Target]

    init(_ alert: Alerts_Alert) {
        id = alert.alertID
        severity = TaskArguments.name(alert.severity, AlertSeverity.self)
        kind = alert.kind
        hasPerson = alert.hasPerson_p
        subjectPseudonym = alert.subjectPseudonym.isEmpty ? nil : alert.subjectPseudonym
        summary = alert.summaryWithheld ? nil : alert.summary
        raisedBy = alert.raisedBy
        raisedByDepartment = alert.raisedByDepartment
        sourceRecordType = alert.sourceRecordType.isEmpty ? nil : alert.sourceRecordType
        sourceRecordID = alert.sourceRecordID.isEmpty ? nil : alert.sourceRecordID
        raisedAt = alert.raisedAt.date
        acknowledgeBy = alert.acknowledgeBy.date
        open = alert.open
        targets = alert.targets.map {
            Target(
                department: $0.departmentCode, acknowledged: $0.acknowledged,
                acknowledgedAt: $0.acknowledged ? $0.acknowledgedAt.date : nil,
                acknowledgedBy: $0.acknowledgedBy.isEmpty ? nil : $0.acknowledgedBy,
                note: $0.acknowledgementNote.isEmpty ? nil : $0.acknowledgementNote,
                secondsToAcknowledge: $0.acknowledged ? $0.secondsToAcknowledge : nil,
                escalationLevel: $0.escalationLevel, deliveries: $0.deliveries, overdue: $0.overdue)
        }
    }

    /// `[HIGH] self-harm-risk from education (system-education), acknowledge by 2026-11-23 18:05`.
    var headline: String {
        tr("[\(Output.word(severity).uppercased())] \(Output.word(kind)) from \(raisedByDepartment) (\(raisedBy)), acknowledge by \(Output.timestamp(acknowledgeBy))")
    }

    /// What `coord alert watch` prints for a new alert.
    var watchText: String {
        tr("ALERT \(id) \(headline)") + "\n  " + (summary.map { tr("summary: \($0)") } ?? tr("summary: (withheld)"))
    }

    /// `12m05s`.
    static func duration(_ seconds: Int64) -> String {
        seconds >= 3600
            ? String(format: "%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
            : String(format: "%dm%02ds", seconds / 60, seconds % 60)
    }

    /// `acknowledged alert <id> for health after 3m12s` (or `already acknowledged …`).
    static func acknowledgement(_ response: Alerts_AcknowledgeResponse) -> String {
        let alert = AlertRow(response.alert)
        let department = response.departmentCode
        let own = alert.targets.first { $0.department == department }
        let after = own?.secondsToAcknowledge.map { tr(" after \(duration($0))") } ?? ""
        return response.firstAcknowledgement
            ? tr("acknowledged alert \(alert.id) for \(department)\(after)")
            : tr("already acknowledged alert \(alert.id) for \(department)\(after); the first acknowledgement stands")
    }
}
