import PluginAPI
import SwiftProtobuf

/// The trade unions' plugin: employee assistance programmes, workplace heart stations
/// (心灵驿站) and the follow-up of abnormal mental-health assessments of employees
/// (BRIEF.md, "What each first-wave department does", Trade unions; seeds 000 §四(四), 003 §7).
///
/// The registries feed the indicator `workplace-mental-health-services` (organisations giving
/// staff mental-health services, ≥30% in 2019 → 100% in 2021; 001, 004 附件3 (八)). See
/// `Plugins/Unions/README.md` for who sees what.
public struct UnionsPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "unions",
        version: "0.1.0",
        departmentCode: "unions",
        displayName: "Trade unions (工会)",
        recordTypes: [UnionsPlugin.eapEnrolment, UnionsPlugin.heartStation, UnionsPlugin.assessmentFollowUp],
        routingRules: UnionsPlugin.routingRules,
        indicators: UnionsPlugin.indicators,
        migrations: UnionsPlugin.migrations
    )

    /// The coordinating departments — health (卫生健康) and political-legal (政法委) lead the
    /// county's mental-health work and its evaluation (000 §四(一)) — see the organisation
    /// registries for every duty; other departments have no need of them.
    static let registryViews = [
        ViewGrant(
            viewers: ["health", "political-legal"], purposes: Set(Purpose.allCases), legalBases: [.statutoryDuty],
            sensitivities: [.general]),
    ]

    /// Employee-assistance enrolment by organisation: no personal data (003 §7).
    static let eapEnrolment = RecordTypeDeclaration(
        messageType: Unions_EapEnrolment.self,
        description: "An organisation's employee assistance programme (EAP)"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(七);"
            + " indicator: Zichuan plan 《淄川区社会心理服务体系建设试点工作实施方案》 附件3(八)).",
        fields: [
            FieldDeclaration("organisation_code", .general),
            FieldDeclaration("organisation_name", .general),
            FieldDeclaration("employees_covered", .general),
            FieldDeclaration("provider", .general),
            FieldDeclaration("started_at", .general),
        ],
        views: registryViews,
        validate: { message in
            guard let enrolment = message as? Unions_EapEnrolment else { return [] }
            return [
                .required("organisation_code", missing: enrolment.organisationCode.isEmpty),
                .unless(enrolment.employeesCovered >= 1, "employees_covered", "must be at least 1"),
                .required("provider", missing: enrolment.provider.isEmpty),
                .required("started_at", missing: !enrolment.hasStartedAt),
            ].compactMap { $0 }
        }
    )

    /// Workplace heart stations (心灵驿站): no personal data (003 §7).
    static let heartStation = RecordTypeDeclaration(
        messageType: Unions_HeartStation.self,
        description: "A workplace heart station (心灵驿站)"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(七)).",
        fields: [
            FieldDeclaration("organisation_code", .general),
            FieldDeclaration("organisation_name", .general),
            FieldDeclaration("location", .general),
            FieldDeclaration("staffed", .general),
            FieldDeclaration("opened_at", .general),
        ],
        views: registryViews,
        validate: { message in
            guard let station = message as? Unions_HeartStation else { return [] }
            return [
                .required("organisation_code", missing: station.organisationCode.isEmpty),
                .required("location", missing: station.location.isEmpty),
                .required("opened_at", missing: !station.hasOpenedAt),
            ].compactMap { $0 }
        }
    )

    /// Follow-up of an employee's abnormal assessment: individual counselling, priority
    /// intervention (003 §7). Only health, which takes over clinical care, sees who and how
    /// they are — for case management or follow-up, under its statutory duty or the
    /// employee's consent. The employee's telephone stays with the union; no other
    /// department sees anything of an employee.
    static let assessmentFollowUp = RecordTypeDeclaration(
        messageType: Unions_AssessmentFollowUp.self,
        description: "Follow-up of an employee's abnormal mental-health assessment"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(七)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("employee_name", .identity),
            FieldDeclaration("organisation_code", .general),
            FieldDeclaration("assessed_at", .general),
            FieldDeclaration("result_level", .health),
            FieldDeclaration("follow_up_actions", .health),
            FieldDeclaration("contact_phone", .contact),
        ],
        views: [
            ViewGrant(
                viewers: ["health"], purposes: [.caseManagement, .followUp], legalBases: [.statutoryDuty, .consent],
                sensitivities: [.identity, .general, .health]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let followUp = message as? Unions_AssessmentFollowUp else { return [] }
            return [
                .required("national_id", missing: followUp.nationalID.isEmpty),
                .required("organisation_code", missing: followUp.organisationCode.isEmpty),
                .required("assessed_at", missing: !followUp.hasAssessedAt),
                .unless(
                    [.mild, .moderate, .severe].contains(followUp.resultLevel), "result_level",
                    "must be mild, moderate or severe: only abnormal results are followed up"),
                .unless(
                    followUp.followUpActions.contains { !$0.allSatisfy(\.isWhitespace) }, "follow_up_actions",
                    "needs at least one action"),
            ].compactMap { $0 }
        }
    )
}
