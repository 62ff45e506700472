import PluginAPI

/// What the education plugin declares for its install: its routing rules in words, the
/// indicators the education department reports and its own reporting views.
extension EducationPlugin {
    /// The routing rules of ``screeningReport`` in words (``screeningRouting(_:)``): the crisis
    /// intervention and the referral "green channel" to health for students with psychological
    /// problems (BRIEF.md, "Education"; seeds 000 §四(四), 003 §8). Counselling rooms route nothing.
    static let routingRules = [
        "A student screening report at risk level 3 (crisis) raises a high-severity self-harm-risk alert to health,"
            + " which must acknowledge it; the alert names the school, grade and instrument, never the student.",
        "The same crisis screening opens an emergency referral of the student to health through the green channel,"
            + " without waiting for consent (an audited emergency override), linking the screening report so that"
            + " health reads it, answers excepted, while the referral is open.",
        "Screenings at risk levels 0 to 2 and counselling rooms fire nothing, and a republished request id fires"
            + " nothing again.",
    ]

    /// The indicators the education department reports (BRIEF.md, "Indicators with targets").
    /// A target without a year in the sources takes the pilot's end, 2021-12-31.
    static let indicators = [
        // 000 §四(二), 001: "师生比不低于1:4000".
        IndicatorDeclaration(
            code: "university-mental-health-teachers", nameZh: "高校专职心理健康教育教师配比",
            nameEn: "Full-time mental-health teachers per 4000 university students",
            numerator: "full-time mental-health teachers", denominator: "university students",
            unit: .ratio(per: 4000), level: "county",
            source: "《四川省社会心理服务工作指导意见》四（二）；《全国社会心理服务体系建设试点工作方案》", targets: [.init(1, by: "2021-12-31")]),
        // 000 §四(二): "且每校至少配备2名" — a county can meet 1:4000 overall while a small
        // university has one teacher, so the minimum per university is an indicator of its own.
        IndicatorDeclaration(
            code: "universities-two-mental-health-teachers",
            nameZh: "配备2名以上专职心理健康教育教师的高校比例",
            nameEn: "Universities with at least two full-time mental-health teachers",
            numerator: "universities with at least two full-time mental-health teachers", denominator: "universities",
            unit: .percent, level: "county", source: "《四川省社会心理服务工作指导意见》四（二）",
            targets: [.init(100, by: "2021-12-31")]),
        // 001, 004 附件3 (七); a school with a CounsellingRoom counts towards the numerator.
        IndicatorDeclaration(
            code: "school-counselling-rooms", nameZh: "设立心理辅导室的中小学比例",
            nameEn: "Primary and secondary schools with a counselling room",
            numerator: "schools with a counselling room", denominator: "primary and secondary schools",
            unit: .percent, level: "county",
            source: "《全国社会心理服务体系建设试点工作方案》；《淄川区社会心理服务体系建设试点工作实施方案》附件3（七）",
            targets: [.init(50, by: "2019-12-31"), .init(100, by: "2021-12-31")]),
    ]

    /// The education department's reporting views, over `records` (the plugin's own records, all
    /// its role may read): crisis screenings per school and month, for the screening and reporting
    /// mechanism (筛查报告, 000 §四(一), §四(四)), and schools with a counselling room per jurisdiction,
    /// the numerator of `school-counselling-rooms` (004 附件3 (七)). Neither shows who a student is.
    static let migrations = [
        PluginMigration(version: 1, name: "screenings by school and month; counselling rooms by jurisdiction", statements: [
            """
            CREATE VIEW screenings_by_school_month AS
            SELECT r.jurisdiction_code,
                   r.fields->>'school_code' AS school_code,
                   to_char((r.fields->>'screened_at')::timestamptz, 'YYYY-MM') AS month,
                   count(*) AS screenings,
                   count(*) FILTER (WHERE r.risk_level >= 3) AS crisis_screenings,
                   count(DISTINCT r.subject_pseudonym) FILTER (WHERE r.risk_level >= 3) AS students_in_crisis
            FROM records r
            WHERE r.record_type = 'coordination.education.v1.StudentScreeningReport'
            GROUP BY 1, 2, 3
            """,
            // A school's latest room record counts, however often it was republished.
            """
            CREATE VIEW counselling_rooms_by_jurisdiction AS
            SELECT latest.jurisdiction_code,
                   count(*) AS schools_with_room,
                   count(*) FILTER (WHERE latest.staffed) AS staffed_rooms
            FROM (
                SELECT DISTINCT ON (r.fields->>'school_code')
                       r.jurisdiction_code, coalesce((r.fields->>'staffed')::boolean, false) AS staffed
                FROM records r
                WHERE r.record_type = 'coordination.education.v1.CounsellingRoom'
                ORDER BY r.fields->>'school_code', r.seq DESC
            ) latest
            GROUP BY latest.jurisdiction_code
            """,
        ]),
    ]
}
