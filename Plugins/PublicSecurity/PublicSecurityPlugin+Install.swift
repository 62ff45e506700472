import PluginAPI

/// What the public-security plugin declares for its install: its routing rules in words and
/// its own reporting views. It declares no indicator: BRIEF.md ("Indicators with targets")
/// gives public security no target of its own — the special-population and township-group
/// indicators (002 §二 12, 004 附件3 (十四)) are political-legal's.
extension PublicSecurityPlugin {
    /// The routing rules of ``riskAssessment`` in words (``riskRouting(_:)``): level 3 and above
    /// calls for police involvement (BRIEF.md, "Severe mental disorders"), and the township group
    /// of political-legal, health, police and civil affairs follows up jointly (000 §四(四),
    /// 004 附件3 (十四)).
    static let routingRules = [
        "A risk assessment at danger level 3 or higher raises a violence-risk alert to health and political-legal,"
            + " high at levels 3 and 4 and critical at level 5; the alert gives the level and the date, never the patient.",
        "The same assessment opens a joint follow-up visit task (联合随访) led by public security with health, civil"
            + " affairs and political-legal cooperating, due in \(followUpDays) days, urgent at level 5 and high otherwise;"
            + " the task's source is the assessment, which the partners read for follow-up.",
        "Assessments at levels 0 to 2, joint follow-up visits and special-population entries fire nothing, and a"
            + " republished request id fires nothing again.",
    ]

    /// Public security's reporting views, over `records` (the plugin's own records, all its role
    /// may read): assessments per danger level, jurisdiction and month, and the patients at each
    /// danger level by their latest assessment, for the analysis and assessment mechanism (分析研判,
    /// 000 §四(一)) and the township group (004 附件3 (十四)). Neither shows who a patient is, nor any
    /// medical note or criminal record.
    static let migrations = [
        PluginMigration(version: 1, name: "assessments by level and month; patients by current level", statements: [
            """
            CREATE VIEW assessments_by_level_month AS
            SELECT r.jurisdiction_code,
                   to_char((r.fields->>'assessed_at')::timestamptz, 'YYYY-MM') AS month,
                   r.risk_level,
                   count(*) AS assessments,
                   count(DISTINCT r.subject_pseudonym) AS patients
            FROM records r
            WHERE r.record_type = 'coordination.publicsecurity.v1.RiskAssessment'
            GROUP BY 1, 2, 3
            """,
            // A patient counts once, at the level and in the jurisdiction of the latest assessment.
            """
            CREATE VIEW patients_by_current_level AS
            SELECT latest.jurisdiction_code, latest.risk_level, count(*) AS patients
            FROM (
                SELECT DISTINCT ON (r.subject_pseudonym) r.jurisdiction_code, r.risk_level
                FROM records r
                WHERE r.record_type = 'coordination.publicsecurity.v1.RiskAssessment'
                ORDER BY r.subject_pseudonym, (r.fields->>'assessed_at')::timestamptz DESC, r.seq DESC
            ) latest
            GROUP BY 1, 2
            """,
        ]),
    ]
}
