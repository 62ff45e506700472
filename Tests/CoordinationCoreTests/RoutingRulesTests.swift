import CoordinationCore
import EducationPlugin
import Foundation
import PluginAPI
import SwiftProtobuf
import Testing

/// Resolving what routing rules fire: referrals take the plugin's default urgency and a
/// deadline, tasks a due date from the publication; malformed requests are dropped.
@Suite("Routing rules")
struct RoutingRulesTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let consent = ReferralConsent.notRequired(legalBasis: "Mental Health Law art. 28")

    private let screening = EducationPlugin().manifest.recordTypes.first { $0.messageName.hasSuffix("StudentScreeningReport") }!

    private func resolve(
        _ actions: [RoutedAction], subject: String? = "p1:x", defaults: [ReferralDefault] = []
    ) -> RoutedActions {
        RoutingRules.resolve(
            actions, of: screening, publisher: "education", subjectPseudonym: subject, referralDefaults: defaults, at: now,
            alertDeadlines: AlertDeadlines(), referralDeadlines: ReferralDeadlines())
    }

    private func task(lead: String = "public-security", cooperating: [String] = ["health"], days: Int = 14, title: RoutedText = "Visit")
        -> RoutedAction
    {
        .task(TaskRequest(
            title: title, detail: "d", leadDepartment: lead, cooperatingDepartments: cooperating, dueInDays: days,
            priority: .high))
    }

    @Test("education's crisis screening fires its alert and the emergency green-channel referral to health")
    func educationCrisis() throws {
        let plugin = EducationPlugin()
        let screening = try #require(plugin.manifest.recordTypes.first { $0.messageName.hasSuffix("StudentScreeningReport") })
        let report = try #require(screening.messageType).init(jsonString: """
            {"national_id": "110105200701010011", "student_name": "学生", "school_code": "school-7", "risk_level": 3,
             "crisis_summary": "disclosed self-harm plans"}
            """)
        let resolved = resolve(screening.routing(report), defaults: plugin.manifest.referralDefaults)
        #expect(resolved.alerts.map(\.targets) == [["health"]])
        let referral = try #require(resolved.referrals.first)
        #expect(resolved.referrals.count == 1 && resolved.tasks.isEmpty)
        #expect(referral.draft.toDepartment == "health")
        #expect(referral.urgency == .emergency && referral.defaulted)
        #expect(referral.acceptBy == now + 3600)
        #expect(referral.draft.subjectPseudonym == "p1:x")
        #expect(referral.draft.consent.kind == "emergency-override")
        #expect(!referral.draft.reason.contains("学生") && !referral.draft.reason.contains("disclosed"))
        let record = UUID()
        #expect(referral.draft(linking: record).linkedRecordIDs == [record])
        // Without a subject the alert is raised but no one can be referred.
        #expect(resolve(screening.routing(report), subject: nil, defaults: plugin.manifest.referralDefaults).referrals.isEmpty)
    }

    @Test("a stated urgency wins over the default; without either, or with a malformed referral, none is opened")
    func referralResolution() {
        let stated = resolve([.referral(ReferralRequest(toDepartment: "health", reason: "r", urgency: .routine, consent: consent))],
                             defaults: [ReferralDefault(toDepartment: "health", urgency: .emergency)])
        #expect(stated.referrals.map(\.urgency) == [.routine])
        #expect(stated.referrals.map(\.defaulted) == [false])
        #expect(stated.referrals.first?.acceptBy == now + 7 * 86_400)
        let malformed: [ReferralRequest] = [
            ReferralRequest(toDepartment: "civil-affairs", reason: "no default for civil affairs", consent: consent),
            ReferralRequest(toDepartment: "health", reason: " ", urgency: .urgent, consent: consent),
            ReferralRequest(toDepartment: "education", reason: "to itself", urgency: .urgent, consent: consent),
            ReferralRequest(toDepartment: "health", reason: "r", urgency: .urgent, consent: .emergencyOverride(justification: "short")),
            ReferralRequest(toDepartment: "health", reason: "r", urgency: .urgent, consent: .given(reference: "")),
        ]
        for request in malformed {
            #expect(resolve([.referral(request)], defaults: [ReferralDefault(toDepartment: "health", urgency: .emergency)])
                .referrals.isEmpty, "\(request)")
        }
    }

    @Test("a task is due its days after publication; a task with a bad title, departments or days is dropped")
    func taskResolution() throws {
        let resolved = resolve([task()])
        let routed = try #require(resolved.tasks.first)
        #expect(routed.dueAt == now + 14 * 86_400)
        #expect(routed.createdAt == now)
        #expect(routed.priority == .high)
        let record = UUID()
        let draft = routed.draft(record: record, jurisdiction: "demo-county", registered: ["public-security"])
        #expect(draft.source == .record(record))
        #expect(draft.jurisdictionCode == "demo-county")
        #expect(draft.cooperatingDepartments.isEmpty)  // health is not registered here
        #expect(draft.leadDepartment == "public-security")
        for bad in [
            task(title: " "), task(lead: ""), task(cooperating: ["public-security"]), task(cooperating: ["health", "health"]),
            task(days: 0), task(days: TaskRules.maximumDueInDays + 1),
        ] {
            #expect(resolve([bad]).tasks.isEmpty, "\(bad)")
        }
    }

    @Test("what a rule copies from the record reaches only departments that may read those fields; the rest see it withheld")
    func routedTextThroughTheViews() throws {
        let school: RoutedText = "school \(field: "school_code", "school-7"), plan \(field: "crisis_summary", "jump")"
            + ", answers \(field: "answers", "q9=3") in \(rule: 14) days"
        #expect(school.fields == ["school_code", "crisis_summary", "answers"])
        #expect(school.description == "school school-7, plan jump, answers q9=3 in 14 days")
        // Health reads the report's general and health fields (green channel), never the answers.
        let health = resolve([.alert(AlertRequest(severity: .high, kind: "self-harm-risk", targets: ["health"], summary: school))])
        #expect(health.alerts.map(\.summary) == ["school school-7, plan jump, answers [withheld] in 14 days"])
        // Unions hold no view of screening reports outside an emergency: every cited value is withheld from the alert they share.
        let shared = resolve([.alert(AlertRequest(
            severity: .high, kind: "self-harm-risk", targets: ["health", "unions"], summary: school))])
        #expect(shared.alerts.map(\.summary) == ["school [withheld], plan [withheld], answers [withheld] in 14 days"])
        // The referral's receiver and everyone on a task are asked alike.
        let referral = resolve([.referral(ReferralRequest(
            toDepartment: "public-security", reason: "plan \(field: "crisis_summary", "jump")", urgency: .urgent, consent: consent))])
        #expect(referral.referrals.map(\.draft.reason) == ["plan [withheld]"])
        let routed = resolve([.task(TaskRequest(
            title: "Visit \(field: "school_code", "school-7")", detail: "plan \(field: "crisis_summary", "jump")",
            leadDepartment: "health", cooperatingDepartments: ["civil-affairs"], dueInDays: 3, priority: .high))])
        #expect(routed.tasks.map(\.title) == ["Visit [withheld]"])
        #expect(routed.tasks.map(\.description) == ["plan [withheld]"])
        // The publisher reads its own record whole.
        #expect(Disclosure.routed(school, of: screening, publisher: "education", to: ["education"]) == school.description)
    }
}
