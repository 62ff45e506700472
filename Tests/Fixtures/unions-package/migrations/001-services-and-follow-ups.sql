-- The unions' reporting views over `records` (the plugin's own records): the services each
-- organisation gives its staff, the numerator of workplace-mental-health-services
-- (004 附件3 (八)); and abnormal assessments followed up per result and month (003 §7),
-- counted without naming an employee.
CREATE VIEW organisation_services AS
SELECT r.jurisdiction_code,
       r.fields->>'organisation_code' AS organisation_code,
       bool_or(r.record_type = 'coordination.unions.v1.EapEnrolment') AS has_eap,
       bool_or(r.record_type = 'coordination.unions.v1.HeartStation') AS has_heart_station
FROM records r
WHERE r.record_type IN ('coordination.unions.v1.EapEnrolment', 'coordination.unions.v1.HeartStation')
GROUP BY 1, 2;

CREATE VIEW follow_ups_by_result_month AS
SELECT r.jurisdiction_code,
       to_char((r.fields->>'assessed_at')::timestamptz, 'YYYY-MM') AS month,
       lower(regexp_replace(r.fields->>'result_level', '^ASSESSMENT_RESULT_', '')) AS result_level,
       count(*) AS follow_ups,
       count(DISTINCT r.subject_pseudonym) AS employees
FROM records r
WHERE r.record_type = 'coordination.unions.v1.AssessmentFollowUp'
GROUP BY 1, 2, 3;
