import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Crisis alerts over the real server: raising, per-department acknowledgement with its
/// timing, what each viewer sees, the denials, and education's routing rule.
@Suite("Crisis alerts")
struct AlertTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("every target acknowledges for itself; time to acknowledge is recorded; a second acknowledgement changes nothing")
    func acknowledgementTracking() async throws {
        let clock = ManualClock(Self.start)
        try await TestServer.with(configure: { $0.clock = clock }) { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let nationalID = Fixtures.nationalID(42)
            let raised = try await server.alerts(police) {
                try await $0.raiseAlert(.with {
                    $0.severity = .critical
                    $0.kind = "violence-risk"
                    $0.summary = "patient stopped medication, threatened neighbours"
                    $0.targetDepartments = ["health", "civil-affairs"]
                    $0.subjectNationalID = nationalID
                })
            }
            #expect(raised.severity == .critical)
            #expect(raised.raisedBy == "system-public-security")
            #expect(raised.raisedByDepartment == "public-security")
            #expect(raised.acknowledgeBy.date == Self.start + 15 * 60)
            #expect(raised.subjectPseudonym.hasPrefix("p1:"))
            #expect(raised.targets.map(\.departmentCode) == ["civil-affairs", "health"])
            #expect(raised.open)
            #expect(try !raised.jsonString().contains(nationalID))

            clock.advance(by: 125)
            let health = try await server.alerts(try server.person(.officer, of: "health")) {
                try await $0.acknowledge(.with {
                    $0.alertID = raised.alertID
                    $0.note = "community doctor on the way"
                })
            }
            #expect(health.firstAcknowledgement)
            #expect(health.departmentCode == "health")
            let healthTarget = try #require(health.alert.targets.first { $0.departmentCode == "health" })
            #expect(healthTarget.acknowledged)
            #expect(healthTarget.secondsToAcknowledge == 125)
            #expect(healthTarget.acknowledgedBy == "officer-health")
            #expect(healthTarget.acknowledgementNote == "community doctor on the way")
            #expect(health.alert.open)

            clock.advance(by: 600)
            let again = try await server.alerts(try server.system("health")) {
                try await $0.acknowledge(.with { $0.alertID = raised.alertID; $0.departmentCode = "health" })
            }
            #expect(!again.firstAcknowledgement)
            #expect(again.alert.targets.first { $0.departmentCode == "health" }?.secondsToAcknowledge == 125)
            #expect(again.alert.targets.first { $0.departmentCode == "health" }?.acknowledgedBy == "officer-health")

            let civil = try await server.alerts(try server.system("civil-affairs")) {
                try await $0.acknowledge(.with { $0.alertID = raised.alertID })
            }
            #expect(civil.alert.targets.first { $0.departmentCode == "civil-affairs" }?.secondsToAcknowledge == 725)
            #expect(!civil.alert.open)
            let open = try await server.alerts(try server.person(.coordinator, of: "health")) {
                try await $0.listAlerts(.with { $0.openOnly = true }).alerts
            }
            #expect(open.isEmpty)
        }
    }

    @Test("denials: another department, an untargeted one, an untargeted officer's view, bad input naming the field")
    func denials() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let police = try server.system("public-security")
            let id = try await server.raiseAlert(as: police, targets: ["health"], nationalID: Fixtures.nationalID(7))

            // Acknowledging for another department is refused.
            let forOther = await #expect(throws: RPCError.self) {
                try await server.alerts(try server.system("health")) {
                    try await $0.acknowledge(.with { $0.alertID = id; $0.departmentCode = "civil-affairs" })
                }
            }
            #expect(forOther?.code == .permissionDenied)
            #expect(forOther?.message.contains("cannot acknowledge for civil-affairs") == true)

            // An officer of an untargeted department can neither see nor acknowledge it.
            let education = try server.person(.officer, of: "education")
            let hidden = await #expect(throws: RPCError.self) {
                try await server.alerts(education) { try await $0.getAlert(.with { $0.alertID = id }) }
            }
            #expect(hidden?.code == .notFound)
            let notTargeted = await #expect(throws: RPCError.self) {
                try await server.alerts(education) { try await $0.acknowledge(.with { $0.alertID = id }) }
            }
            #expect(notTargeted?.code == .notFound)
            #expect(try await server.alerts(education) { try await $0.listAlerts(.init()).alerts }.isEmpty)

            // A coordinator elsewhere sees the alert without summary or person, and cannot acknowledge it.
            let coordinator = try server.person(.coordinator, of: "political-legal")
            let seen = try await server.alerts(coordinator) { try await $0.getAlert(.with { $0.alertID = id }) }
            #expect(seen.summaryWithheld)
            #expect(seen.summary.isEmpty)
            #expect(seen.subjectPseudonym.isEmpty)
            #expect(seen.hasPerson_p)
            #expect(seen.targets.map(\.departmentCode) == ["health"])
            let coordinatorAck = await #expect(throws: RPCError.self) {
                try await server.alerts(coordinator) { try await $0.acknowledge(.with { $0.alertID = id }) }
            }
            #expect(coordinatorAck?.code == .permissionDenied)
            #expect(coordinatorAck?.message.contains("not addressed to political-legal") == true)

            // The raiser and the target see the summary.
            let raiser = try await server.alerts(police) { try await $0.getAlert(.with { $0.alertID = id }) }
            #expect(raiser.summary == "patient stopped medication, threatened neighbours")
            let target = try await server.alerts(try server.person(.officer, of: "health")) {
                try await $0.listAlerts(.with { $0.awaitingMyAcknowledgement = true }).alerts
            }
            #expect(target.map(\.alertID) == [id])
            #expect(target.first?.subjectPseudonym.hasPrefix("p1:") == true)

            // Bad input names the field.
            func rejected(_ request: Alerts_RaiseAlertRequest) async -> RPCError? {
                await #expect(throws: RPCError.self) {
                    try await server.alerts(police) { try await $0.raiseAlert(request) }
                }
            }
            let noSeverity = await rejected(.with { $0.kind = "violence-risk"; $0.summary = "s" })
            #expect(noSeverity?.code == .invalidArgument)
            #expect(noSeverity?.message.hasPrefix("severity:") == true)
            let unknownTarget = await rejected(.with {
                $0.severity = .high; $0.kind = "violence-risk"; $0.summary = "s"; $0.targetDepartments = ["health", "nowhere"]
            })
            #expect(unknownTarget?.code == .invalidArgument)
            #expect(unknownTarget?.message.hasPrefix("target_departments[1]:") == true)
            let badID = await rejected(.with {
                $0.severity = .high; $0.kind = "violence-risk"; $0.summary = "s"; $0.subjectNationalID = "12345"
            })
            #expect(badID?.message.hasPrefix("subject_national_id:") == true)
            let badKind = await rejected(.with { $0.severity = .high; $0.kind = "Violence!"; $0.summary = "s" })
            #expect(badKind?.message.hasPrefix("kind:") == true)
            let noSummary = await rejected(.with { $0.severity = .high; $0.kind = "violence-risk" })
            #expect(noSummary?.message.hasPrefix("summary:") == true)
            let badAlertID = await #expect(throws: RPCError.self) {
                try await server.alerts(police) { try await $0.getAlert(.with { $0.alertID = "x" }) }
            }
            #expect(badAlertID?.code == .invalidArgument)
            #expect(badAlertID?.message.hasPrefix("alert_id:") == true)
            let admin = await #expect(throws: RPCError.self) {
                try await server.alerts(try server.pki.admin) {
                    try await $0.raiseAlert(.with { $0.severity = .high; $0.kind = "violence-risk"; $0.summary = "s" })
                }
            }
            #expect(admin?.code == .permissionDenied)
        }
    }

    @Test("education publishes a risk-3 screening: health gets the alert in the same transaction; risk 1 or a repeat raises nothing")
    func routingRule() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            let health = try server.system("health")
            let published = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            #expect(!published.duplicate)

            let alerts = try await server.alerts(health) {
                try await $0.listAlerts(.with { $0.awaitingMyAcknowledgement = true }).alerts
            }
            #expect(alerts.count == 1)
            let alert = try #require(alerts.first)
            #expect(alert.kind == "self-harm-risk")
            #expect(alert.severity == .high)
            #expect(alert.targets.map(\.departmentCode) == ["health"])
            #expect(alert.raisedByDepartment == "education")
            #expect(alert.sourceRecordID == published.recordID)
            #expect(alert.sourceRecordType == "coordination.education.v1.StudentScreeningReport")
            #expect(alert.subjectPseudonym == published.subjectPseudonym)
            #expect(alert.summary.contains("school-1"))
            #expect(!alert.summary.contains("学生1"))

            let repeated = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1, risk: 3)) }
            #expect(repeated.duplicate)
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(2, risk: 1)) }
            let after = try await server.alerts(try server.person(.coordinator, of: "health")) {
                try await $0.listAlerts(.init()).alerts
            }
            #expect(after.map(\.alertID) == [alert.alertID])
            let history = try await server.alerts(education) { try await $0.listAlerts(.init()).alerts }
            #expect(history.map(\.alertID) == [alert.alertID])

            // Showing the person's alert to health is audited under the person; the raiser's own reads are not.
            let trail = try await server.auditedHistory(of: Fixtures.nationalID(1))
            let alertEntries = trail.filter { $0.action.hasPrefix("alert.") }
            #expect(alertEntries.map(\.action) == ["alert.raise", "alert.read", "alert.read"])
            #expect(alertEntries.map(\.callerDepartment) == ["education", "health", "health"])
            #expect(alertEntries.last?.detail.hasPrefix("alerts \(alert.alertID)") == true)
            #expect(alertEntries.last?.purpose == "emergency-response" && alertEntries.last?.legalBasis == "statutory-duty")
        }
    }
}
