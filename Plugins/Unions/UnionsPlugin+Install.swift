import PluginAPI

/// What the unions plugin declares for its install: its routing rules in words, the indicator
/// the unions report and their own reporting views.
extension UnionsPlugin {
    /// The unions' record types raise nothing: an abnormal assessment is followed up by the
    /// union's counsellors and, when care is needed, handed to health (BRIEF.md, "Trade unions";
    /// seed 003 §7), which sees the follow-up under its duty or the employee's consent.
    static let routingRules = [
        "No unions record fires an alert, a referral or a task: EAP enrolments, heart stations and assessment"
            + " follow-ups are shared only through the views they grant.",
    ]

    /// The indicator the unions report (BRIEF.md, "Indicators with targets"): organisations
    /// giving staff mental-health services, ≥30% by 2019, 100% by 2021 (001, 004 附件3 (八)).
    /// An organisation with an `EapEnrolment` or a `HeartStation` counts towards the numerator.
    static let indicators = [
        IndicatorDeclaration(
            code: "workplace-mental-health-services", nameZh: "提供心理健康服务的机关、企事业单位比例",
            nameEn: "Organisations giving staff mental-health services",
            numerator: "organisations giving staff mental-health services", denominator: "organisations",
            unit: .percent, level: "county",
            source: "《全国社会心理服务体系建设试点工作方案》；《淄川区社会心理服务体系建设试点工作实施方案》附件3（八）",
            targets: [.init(30, by: "2019-12-31"), .init(100, by: "2021-12-31")]),
    ]

    /// The unions' reporting views, over `records` (the plugin's own records, all its role may
    /// read): the services each organisation gives its staff, the numerator of
    /// `workplace-mental-health-services` (004 附件3 (八)); and abnormal assessments followed up
    /// per result and month (003 §7), counted without naming an employee.
    static let migrations = [
        PluginMigration(version: 1, name: "services by organisation; follow-ups by result and month", statements: [
            """
            CREATE VIEW organisation_services AS
            SELECT r.jurisdiction_code,
                   r.fields->>'organisation_code' AS organisation_code,
                   bool_or(r.record_type = 'coordination.unions.v1.EapEnrolment') AS has_eap,
                   bool_or(r.record_type = 'coordination.unions.v1.HeartStation') AS has_heart_station
            FROM records r
            WHERE r.record_type IN ('coordination.unions.v1.EapEnrolment', 'coordination.unions.v1.HeartStation')
            GROUP BY 1, 2
            """,
            """
            CREATE VIEW follow_ups_by_result_month AS
            SELECT r.jurisdiction_code,
                   to_char((r.fields->>'assessed_at')::timestamptz, 'YYYY-MM') AS month,
                   lower(regexp_replace(r.fields->>'result_level', '^ASSESSMENT_RESULT_', '')) AS result_level,
                   count(*) AS follow_ups,
                   count(DISTINCT r.subject_pseudonym) AS employees
            FROM records r
            WHERE r.record_type = 'coordination.unions.v1.AssessmentFollowUp'
            GROUP BY 1, 2, 3
            """,
        ]),
    ]
}
