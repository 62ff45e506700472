-- Reporting views of the health plugin over records, its own records. Each counts patients
-- per jurisdiction and never shows who a patient is. A patient counts once, in the
-- jurisdiction of the latest registration, and only while on the register (active or lost to
-- follow-up, not moved out or deceased). Zero values are absent from the JSON, so a missing
-- risk_grade reads as 0.

-- The numerators of smd-standard-management (a follow-up in the last 90 days) and
-- smd-risk-assessment-coverage (a follow-up, each assessing the danger grade and classing the
-- condition, in the last 12 months), with the registered patients as their denominator.
CREATE VIEW management_by_jurisdiction AS
WITH registered AS (
    SELECT DISTINCT ON (r.subject_pseudonym)
           r.subject_pseudonym, r.jurisdiction_code, r.fields->>'register_status' AS register_status
    FROM records r
    WHERE r.record_type = 'coordination.health.v1.PatientRegistration'
    ORDER BY r.subject_pseudonym, r.seq DESC
), visits AS (
    SELECT r.subject_pseudonym, max((r.fields->>'visited_at')::timestamptz) AS last_visited_at
    FROM records r
    WHERE r.record_type = 'coordination.health.v1.FollowUpVisit'
    GROUP BY r.subject_pseudonym
)
SELECT g.jurisdiction_code,
       count(*) AS patients_registered,
       count(*) FILTER (WHERE g.register_status = 'REGISTER_STATUS_LOST_TO_FOLLOW_UP') AS patients_lost_to_follow_up,
       count(*) FILTER (WHERE v.last_visited_at >= now() - interval '90 days') AS patients_standard_managed,
       count(*) FILTER (WHERE v.last_visited_at >= now() - interval '12 months') AS patients_risk_assessed
FROM registered g
LEFT JOIN visits v ON v.subject_pseudonym = g.subject_pseudonym
WHERE g.register_status IN ('REGISTER_STATUS_ACTIVE', 'REGISTER_STATUS_LOST_TO_FOLLOW_UP')
GROUP BY g.jurisdiction_code;

-- Registered patients by their current danger grade: the grade of the latest of their
-- registration and follow-ups, for the analysis and assessment of the township groups.
CREATE VIEW patients_by_current_grade AS
WITH registered AS (
    SELECT DISTINCT ON (r.subject_pseudonym)
           r.subject_pseudonym, r.jurisdiction_code, r.fields->>'register_status' AS register_status
    FROM records r
    WHERE r.record_type = 'coordination.health.v1.PatientRegistration'
    ORDER BY r.subject_pseudonym, r.seq DESC
), graded AS (
    SELECT DISTINCT ON (r.subject_pseudonym)
           r.subject_pseudonym, coalesce((r.fields->>'risk_grade')::integer, 0) AS risk_grade
    FROM records r
    WHERE r.record_type IN ('coordination.health.v1.PatientRegistration', 'coordination.health.v1.FollowUpVisit')
    ORDER BY r.subject_pseudonym, r.seq DESC
)
SELECT g.jurisdiction_code, c.risk_grade, count(*) AS patients
FROM registered g
JOIN graded c ON c.subject_pseudonym = g.subject_pseudonym
WHERE g.register_status IN ('REGISTER_STATUS_ACTIVE', 'REGISTER_STATUS_LOST_TO_FOLLOW_UP')
GROUP BY g.jurisdiction_code, c.risk_grade;

-- The numerator and denominator of smd-community-rehabilitation: registered patients living
-- at home by their latest rehabilitation status, and those of them in community rehabilitation.
CREATE VIEW community_rehabilitation_by_jurisdiction AS
WITH registered AS (
    SELECT DISTINCT ON (r.subject_pseudonym)
           r.subject_pseudonym, r.jurisdiction_code, r.fields->>'register_status' AS register_status
    FROM records r
    WHERE r.record_type = 'coordination.health.v1.PatientRegistration'
    ORDER BY r.subject_pseudonym, r.seq DESC
), status AS (
    SELECT DISTINCT ON (r.subject_pseudonym)
           r.subject_pseudonym, r.fields->>'setting' AS setting,
           coalesce((r.fields->>'in_community_rehabilitation')::boolean, false) AS in_community_rehabilitation
    FROM records r
    WHERE r.record_type = 'coordination.health.v1.RehabilitationStatus'
    ORDER BY r.subject_pseudonym, r.seq DESC
)
SELECT g.jurisdiction_code,
       count(*) AS home_patients,
       count(*) FILTER (WHERE s.in_community_rehabilitation) AS in_community_rehabilitation
FROM registered g
JOIN status s ON s.subject_pseudonym = g.subject_pseudonym
WHERE g.register_status IN ('REGISTER_STATUS_ACTIVE', 'REGISTER_STATUS_LOST_TO_FOLLOW_UP')
  AND s.setting = 'LIVING_SETTING_HOME'
GROUP BY g.jurisdiction_code;
