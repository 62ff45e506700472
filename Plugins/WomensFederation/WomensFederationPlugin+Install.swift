import PluginAPI

/// What the women's federation plugin declares for its install: its routing rules in words and
/// its own reporting views. It declares no indicator: BRIEF.md ("Indicators with targets")
/// gives the women's federation no target.
extension WomensFederationPlugin {
    /// The federation's record types raise nothing on their own: a victim reaches public
    /// security or health only through a referral the federation opens, or a claimed emergency
    /// (BRIEF.md, "Privacy is a stated duty"; 003 §9, §24).
    static let routingRules = [
        "No women's federation record fires an alert, a referral or a task: the federation refers a victim or a"
            + " client itself, and public security and health see the case only under that referral or a claimed emergency.",
    ]

    /// The federation's reporting views, over `records` (the plugin's own records, all its role may
    /// read): victim support cases per case type and status by their latest record, and counselling
    /// sessions per topic and month (003 §9). They count cases and clients; no view reads who a
    /// victim is, where she is or how to reach her, nor any note.
    static let migrations = [
        PluginMigration(version: 1, name: "cases by type and status; counselling sessions by topic and month", statements: [
            // A victim's case counts once, at the status of its latest record.
            """
            CREATE VIEW cases_by_type_and_status AS
            SELECT latest.jurisdiction_code, latest.case_type, latest.support_status, count(*) AS cases
            FROM (
                SELECT DISTINCT ON (r.subject_pseudonym, r.fields->>'case_type')
                       r.jurisdiction_code,
                       replace(lower(regexp_replace(r.fields->>'case_type', '^VICTIM_CASE_TYPE_', '')), '_', '-')
                           AS case_type,
                       replace(lower(regexp_replace(r.fields->>'support_status', '^SUPPORT_STATUS_', '')), '_', '-')
                           AS support_status
                FROM records r
                WHERE r.record_type = 'coordination.womensfederation.v1.VictimSupportCase'
                ORDER BY r.subject_pseudonym, r.fields->>'case_type', r.seq DESC
            ) latest
            GROUP BY 1, 2, 3
            """,
            """
            CREATE VIEW counselling_sessions_by_topic_month AS
            SELECT r.jurisdiction_code,
                   replace(lower(regexp_replace(r.fields->>'topic', '^COUNSELLING_TOPIC_', '')), '_', '-') AS topic,
                   to_char((r.fields->>'held_at')::timestamptz, 'YYYY-MM') AS month,
                   count(*) AS sessions,
                   count(DISTINCT r.subject_pseudonym) AS clients
            FROM records r
            WHERE r.record_type = 'coordination.womensfederation.v1.FamilyCounsellingSession'
            GROUP BY 1, 2, 3
            """,
        ]),
    ]
}
