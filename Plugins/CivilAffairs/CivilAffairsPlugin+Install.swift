import PluginAPI

/// What the civil affairs plugin declares for its install: its routing rules in words, the
/// indicators civil affairs reports and its own reporting views.
extension CivilAffairsPlugin {
    /// Civil affairs' record types raise nothing: rooms are a registry, rehabilitation is
    /// followed up with health and the police through the views (000 §四(四), §五(三)), and a
    /// vulnerable person's whereabouts reach a department only in a claimed emergency (003 §9).
    static let routingRules = [
        "No civil affairs record fires an alert, a referral or a task: community rooms, rehabilitation enrolments and"
            + " vulnerable persons are shared only through the views they grant.",
    ]

    /// The indicators civil affairs reports (BRIEF.md, "Indicators with targets").
    static let indicators = [
        // 001, 004 附件3 (六); a community with a CommunityRoom counts towards the numerator.
        IndicatorDeclaration(
            code: "community-counselling-rooms", nameZh: "设立心理咨询室或社会工作室的村（社区）比例",
            nameEn: "Villages/communities with a counselling or social-work room",
            numerator: "villages/communities with a counselling or social-work room", denominator: "villages/communities",
            unit: .percent, level: "township",
            source: "《全国社会心理服务体系建设试点工作方案》；《淄川区社会心理服务体系建设试点工作实施方案》附件3（六）",
            targets: [.init(20, by: "2019-12-31"), .init(50, by: "2020-12-31"), .init(80, by: "2021-12-31")]),
        // 002 §二 13; a home patient with a RehabilitationEnrolment counts towards the numerator.
        IndicatorDeclaration(
            code: "community-rehabilitation", nameZh: "居家患者参加社区康复比例",
            nameEn: "Home patients in community rehabilitation",
            numerator: "home patients in community rehabilitation", denominator: "home patients",
            unit: .percent, level: "county", source: "《长宁区关于全国社会心理服务体系建设试点工作方案》二（二）13",
            targets: [.init(75, by: "2021-12-31")]),
    ]

    /// Civil affairs' reporting views, over `records` (the plugin's own records, all its role may
    /// read): the rooms of each community, the numerator of `community-counselling-rooms`
    /// (004 附件3 (六)); and the home patients in rehabilitation per community with their average
    /// attendance, the numerator of `community-rehabilitation` (002 §二 13). Neither shows who a
    /// patient is; vulnerable persons are not reported at all.
    static let migrations = [
        PluginMigration(version: 1, name: "rooms by community; rehabilitation by community", statements: [
            // A room's latest record counts, however often it was republished.
            """
            CREATE VIEW rooms_by_community AS
            SELECT latest.jurisdiction_code, latest.community_code,
                   bool_or(latest.room_type = 'ROOM_TYPE_COUNSELLING') AS has_counselling_room,
                   bool_or(latest.room_type = 'ROOM_TYPE_SOCIAL_WORK') AS has_social_work_room,
                   bool_or(latest.staffed) AS staffed
            FROM (
                SELECT DISTINCT ON (r.fields->>'community_code', r.fields->>'room_type')
                       r.jurisdiction_code, r.fields->>'community_code' AS community_code,
                       r.fields->>'room_type' AS room_type,
                       coalesce((r.fields->>'staffed')::boolean, false) AS staffed
                FROM records r
                WHERE r.record_type = 'coordination.civilaffairs.v1.CommunityRoom'
                ORDER BY r.fields->>'community_code', r.fields->>'room_type', r.seq DESC
            ) latest
            GROUP BY 1, 2
            """,
            // A patient's latest enrolment counts once.
            """
            CREATE VIEW rehabilitation_by_community AS
            SELECT latest.jurisdiction_code, latest.community_code,
                   count(*) AS patients_enrolled,
                   round(avg(latest.attendance))::integer AS average_attendance
            FROM (
                SELECT DISTINCT ON (r.subject_pseudonym)
                       r.jurisdiction_code, r.fields->>'community_code' AS community_code,
                       coalesce((r.fields->>'attendance')::integer, 0) AS attendance
                FROM records r
                WHERE r.record_type = 'coordination.civilaffairs.v1.RehabilitationEnrolment'
                ORDER BY r.subject_pseudonym, r.seq DESC
            ) latest
            GROUP BY 1, 2
            """,
        ]),
    ]
}
