import CoordinationCore
import EducationPlugin
import Foundation
import PluginAPI
import SwiftProtobuf
import Testing

@Suite("Alert rules")
struct AlertRulesTests {
    private let raisedAt = Date(timeIntervalSince1970: 1_800_000_000)

    private func draft(
        severity: AlertSeverity? = .high, kind: String = "self-harm-risk", summary: String = "student at risk",
        targets: [String] = ["health"]
    ) throws(CoordinationError) -> AlertDraft {
        try AlertRules.draft(
            severity: severity, kind: AlertKind(rawValue: kind), summary: summary, targets: targets, subjectPseudonym: nil,
            raisedAt: raisedAt, deadlines: AlertDeadlines())
    }

    @Test("the acknowledgement deadline follows the severity: 15 min, 60 min, 4 h by default, configurable")
    func deadlines() throws {
        let defaults = AlertDeadlines()
        #expect(defaults.deadline(for: .critical, raisedAt: raisedAt) == raisedAt + 15 * 60)
        #expect(defaults.deadline(for: .high, raisedAt: raisedAt) == raisedAt + 60 * 60)
        #expect(defaults.deadline(for: .moderate, raisedAt: raisedAt) == raisedAt + 240 * 60)
        let custom = AlertDeadlines(critical: .seconds(300), high: .seconds(600), moderate: .seconds(900))
        #expect(custom.deadline(for: .critical, raisedAt: raisedAt) == raisedAt + 300)
        #expect(try draft(severity: .critical).acknowledgeBy == raisedAt + 15 * 60)
    }

    @Test("bad input names every field at fault")
    func validation() {
        #expect(throws: CoordinationError.self) { try draft(severity: nil) }
        do {
            _ = try draft(severity: nil, kind: "Self Harm", summary: "  ", targets: ["health", "Not A Code", "health"])
            Issue.record("accepted a bad alert")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.violations.map(\.field) == ["severity", "kind", "summary", "target_departments[1]", "target_departments[2]"])
        }
        #expect((try? draft(summary: String(repeating: "x", count: 2001))) == nil)
        #expect((try? draft(kind: "x")) == nil)
        #expect((try? draft(kind: "ends-with-")) == nil)
        #expect(AlertKind.missingPerson.isValid && AlertKind(rawValue: "plugin-kind-2").isValid)
    }

    @Test("without targets the kind's departments are used; a kind without defaults needs targets")
    func targetsByRule() throws {
        #expect(try draft(targets: []).targets == ["health"])
        #expect(try draft(kind: "violence-risk", targets: []).targets == ["public-security", "political-legal"])
        #expect(try draft(kind: "disorder-relapse", targets: []).targets == ["health", "public-security"])
        do {
            _ = try draft(kind: "flood-evacuation", targets: [])
            Issue.record("accepted an alert without targets")
        } catch {
            #expect(error.field == "target_departments")
        }
        #expect(try draft(summary: "  trimmed  ").summary == "trimmed")
    }

    @Test("the ladder: nothing before the deadline, the target at it, the offices a window later, each once")
    func ladder() {
        let escalation = AlertEscalation(escalateTo: ["health", "political-legal", "health"])
        #expect(escalation.escalateTo == ["health", "political-legal"])
        let due = raisedAt + 3600
        func steps(at offset: TimeInterval, level: Int = 0, acknowledged: Bool = false) -> [DeadlineLadder.Rung] {
            escalation.ladder(raisedAt: raisedAt, acknowledgeBy: due, acknowledged: acknowledged, department: "education")
                .steps(deadline: due, now: due + offset, reached: level)
        }
        #expect(steps(at: -1).isEmpty)
        #expect(steps(at: 0) == [.init(level: 1, after: 0, kind: .alertUnacknowledged, recipients: ["education"])])
        #expect(steps(at: 3599, level: 1).isEmpty)
        #expect(steps(at: 3600, level: 1) == [.init(level: 2, after: 3600, kind: .alertEscalated, recipients: ["health", "political-legal"])])
        #expect(steps(at: 86_400).map(\.level) == [1, 2])
        #expect(steps(at: 86_400, level: 2).isEmpty)
        #expect(steps(at: 86_400, acknowledged: true).isEmpty)
        #expect(AlertEscalation.onceKey(alert: "a1", department: "education", level: 2, recipient: "health")
            == "alert/a1/education/escalation/2/health")
    }

    @Test("a party sees everything; a coordinator elsewhere sees no summary or person; others nothing")
    func visibility() {
        let alert = Alert(
            id: UUID(), severity: .critical, kind: .violenceRisk, subjectPseudonym: "p1:abc", hasPerson: true,
            summary: "patient stopped medication", raisedBy: "system-public-security", raisedByDepartment: "public-security",
            origin: .raised, raisedAt: raisedAt, acknowledgeBy: raisedAt + 900,
            targets: [.init(departmentCode: "health"), .init(departmentCode: "civil-affairs")])
        func reader(_ kind: Caller.Kind, of department: String) -> Reader {
            Reader(Caller(kind: kind, departmentCode: department, name: "n", certificateSerial: "1"))
        }
        #expect(Disclosure.alert(alert, to: reader(.system, of: "health")) == alert)
        #expect(Disclosure.alert(alert, to: reader(.person(.coordinator), of: "public-security")) == alert)
        #expect(Disclosure.alert(alert, to: reader(.system, of: "education")) == nil)
        #expect(Disclosure.alert(alert, to: reader(.person(.officer), of: "education")) == nil)
        #expect(Disclosure.alert(alert, to: reader(.person(.administrator), of: "education")) == nil)
        #expect(Disclosure.alert(alert, to: .party(Caller(kind: .person(.coordinator), departmentCode: "education", name: "n", certificateSerial: "1"))) == nil)
        let coordinator = Disclosure.alert(alert, to: reader(.person(.coordinator), of: "political-legal"))
        #expect(coordinator?.summary == nil)
        #expect(coordinator?.subjectPseudonym == nil)
        #expect(coordinator?.hasPerson == true)
        #expect(coordinator?.targets.count == 2)
        var acknowledged = alert.targets[0]
        acknowledged.acknowledgedAt = raisedAt + 125
        #expect(acknowledged.timeToAcknowledge(raisedAt: raisedAt) == 125)
        #expect(alert.isOpen)
    }

    @Test("education's routing rule: a screening at risk 3 raises a high self-harm-risk alert to health; below 3 none")
    func educationRoutingRule() throws {
        let plugin = EducationPlugin()
        let screening = try #require(plugin.manifest.recordTypes.first { $0.messageName.hasSuffix("StudentScreeningReport") })
        func report(risk: Int32) throws -> any SwiftProtobuf.Message {
            try #require(screening.messageType).init(jsonString: """
                {"national_id": "110105200701010011", "student_name": "学生", "school_code": "school-7", "grade": "8",
                 "risk_level": \(risk), "crisis_summary": "disclosed self-harm plans"}
                """)
        }
        let alerts = screening.routing(try report(risk: 3)).compactMap { action -> AlertRequest? in
            if case .alert(let request) = action { request } else { nil }
        }
        #expect(alerts.count == 1)
        #expect(alerts.first?.severity == .high)
        #expect(alerts.first?.kind == "self-harm-risk")
        #expect(alerts.first?.targets == ["health"])
        #expect(alerts.first?.summary.description.contains("school-7") == true)
        #expect(alerts.first?.summary.fields == ["risk_level", "school_code", "grade"])
        #expect(alerts.first?.summary.description.contains("学生") == false)
        #expect(alerts.first?.summary.description.contains("disclosed") == false)
        #expect(screening.routing(try report(risk: 1)).isEmpty)
        #expect(screening.routing(try report(risk: 2)).isEmpty)
        let room = try #require(plugin.manifest.recordTypes.first { $0.messageName.hasSuffix("CounsellingRoom") })
        #expect(room.routing(try #require(room.messageType).init(jsonString: #"{"school_code": "s"}"#)).isEmpty)
        let drafted = try #require(AlertRules.draft(alerts[0], subjectPseudonym: "p1:x", raisedAt: raisedAt, deadlines: AlertDeadlines()))
        #expect(drafted.acknowledgeBy == raisedAt + 3600)
        #expect(drafted.subjectPseudonym == "p1:x")
        #expect(AlertRules.draft(AlertRequest(severity: .high, kind: "Bad Kind", targets: ["health"], summary: "s"),
                                 subjectPseudonym: nil, raisedAt: raisedAt, deadlines: AlertDeadlines()) == nil)
    }
}
