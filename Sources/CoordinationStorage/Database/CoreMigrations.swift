/// The core schema, in the `coord` schema. Plugins add their own later.
public enum CoreMigrations {
    /// Every core migration, by version.
    public static let all: [Migration] = [
        Migration(version: 1, name: "directory and certificate revocation", statements: [
            """
            CREATE TABLE coord.jurisdiction (
                code        text PRIMARY KEY,
                name_zh     text NOT NULL,
                name_en     text NOT NULL,
                level       smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
                parent_code text REFERENCES coord.jurisdiction (code),
                created_at  timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX jurisdiction_parent ON coord.jurisdiction (parent_code)",
            """
            CREATE TABLE coord.department (
                code              text PRIMARY KEY,
                name_zh           text NOT NULL,
                name_en           text NOT NULL,
                jurisdiction_code text NOT NULL REFERENCES coord.jurisdiction (code),
                created_at        timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE coord.revoked_certificate (
                serial     text PRIMARY KEY,
                reason     text NOT NULL,
                revoked_by text NOT NULL,
                revoked_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ]),
        Migration(version: 2, name: "shared records, view grants, audit chain, emergency reviews", statements: [
            """
            CREATE TABLE coord.record (
                seq                  bigserial PRIMARY KEY,
                id                   uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
                publisher_department text NOT NULL REFERENCES coord.department (code),
                request_id           text NOT NULL,
                record_type          text NOT NULL,
                subject_pseudonym    text,
                risk_level           smallint,
                jurisdiction_code    text NOT NULL REFERENCES coord.jurisdiction (code),
                fields               jsonb NOT NULL,
                published_by         text NOT NULL,
                published_at         timestamptz NOT NULL DEFAULT now(),
                UNIQUE (publisher_department, request_id)
            )
            """,
            "CREATE INDEX record_type_seq ON coord.record (record_type, seq)",
            "CREATE INDEX record_subject_seq ON coord.record (subject_pseudonym, seq)",
            """
            CREATE TABLE coord.view_grant (
                viewer_department text NOT NULL,
                record_type       text NOT NULL,
                purpose           text NOT NULL,
                legal_basis       text NOT NULL,
                PRIMARY KEY (record_type, viewer_department, purpose, legal_basis)
            )
            """,
            // The caller's jurisdiction and every one below it, from the caller's department.
            """
            CREATE FUNCTION coord.visible_jurisdictions() RETURNS SETOF text
            LANGUAGE sql STABLE AS $$
                WITH RECURSIVE sub AS (
                    SELECT j.code FROM coord.jurisdiction j
                    JOIN coord.department d ON d.jurisdiction_code = j.code
                    WHERE d.code = current_setting('coord.department', true)
                    UNION ALL
                    SELECT j.code FROM coord.jurisdiction j JOIN sub ON j.parent_code = sub.code
                )
                SELECT code FROM sub
            $$
            """,
            // The second wall: whatever the server asks, PostgreSQL returns only rows the
            // caller's department published, or rows a view grants for the stated purpose
            // and basis within the caller's jurisdiction. Rows are never updated or deleted.
            "ALTER TABLE coord.record ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY record_publish ON coord.record FOR INSERT
            WITH CHECK (
                publisher_department = current_setting('coord.department', true)
                AND jurisdiction_code IN (SELECT coord.visible_jurisdictions())
            )
            """,
            """
            CREATE POLICY record_read ON coord.record FOR SELECT USING (
                publisher_department = current_setting('coord.department', true)
                OR (
                    jurisdiction_code IN (SELECT coord.visible_jurisdictions())
                    AND EXISTS (
                        SELECT 1 FROM coord.view_grant g
                        WHERE g.record_type = record.record_type
                          AND g.viewer_department IN (current_setting('coord.department', true), '*')
                          AND g.purpose = current_setting('coord.purpose', true)
                          AND g.legal_basis = current_setting('coord.legal_basis', true)
                    )
                )
            )
            """,
            // Analysis (分析研判) sees counts across departments, never rows: this function runs
            // as the owner, past row-level security, and returns aggregates only.
            """
            CREATE FUNCTION coord.record_counts(period_unit text)
            RETURNS TABLE (record_type text, jurisdiction_code text, risk_level smallint, period timestamptz, records bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
                SELECT r.record_type, r.jurisdiction_code, r.risk_level, date_trunc(period_unit, r.published_at), count(*)
                FROM coord.record r
                GROUP BY 1, 2, 3, 4
            $$
            """,
            "REVOKE ALL ON FUNCTION coord.record_counts(text) FROM PUBLIC",
            """
            CREATE TABLE coord.audit_entry (
                seq           bigint PRIMARY KEY,
                at            timestamptz NOT NULL DEFAULT now(),
                body          text NOT NULL,
                subjects      text[] NOT NULL,
                previous_hash text NOT NULL,
                hash          text NOT NULL
            )
            """,
            "CREATE INDEX audit_entry_subjects ON coord.audit_entry USING gin (subjects)",
            """
            CREATE TABLE coord.emergency_access (
                audit_seq         bigint PRIMARY KEY REFERENCES coord.audit_entry (seq),
                caller_name       text NOT NULL,
                caller_department text NOT NULL,
                justification     text NOT NULL,
                record_ids        text[] NOT NULL,
                accessed_at       timestamptz NOT NULL DEFAULT now(),
                reviewed_by       text,
                reviewed_at       timestamptz,
                review_note       text
            )
            """,
        ]),
        notices,
        meetings,
        tasks,
        indicators,
        referrals,
        alerts,
        routing,
        plugins,
        certificates,
        auditCheckpoints,
        personalDataWall,
        delivery,
        standingNotifications,
        auditTurn,
        noticeTexts,
        pluginPackages,
    ]

    /// Privileges the runtime role must not hold, taken away after every migration run:
    /// the history and the grants are written by the owner only; records and audit entries
    /// are never changed or removed.
    static let runtimeRevocations: [String] = [
        "REVOKE INSERT, UPDATE, DELETE ON coord.schema_migration FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.view_grant FROM %@",
        "REVOKE UPDATE, DELETE ON coord.record FROM %@",
        "REVOKE UPDATE, DELETE ON coord.audit_entry FROM %@",
        "REVOKE DELETE ON coord.emergency_access FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.notice FROM %@",
        "REVOKE UPDATE, DELETE ON coord.task_progress FROM %@",
        "REVOKE UPDATE, DELETE ON coord.task_event FROM %@",
        "REVOKE UPDATE, DELETE ON coord.task_department FROM %@",
        "REVOKE UPDATE, DELETE ON coord.work_plan_phase FROM %@",
        "REVOKE UPDATE, DELETE ON coord.meeting_vote FROM %@",
        "REVOKE UPDATE, DELETE ON coord.indicator_report_revision FROM %@",
        "REVOKE DELETE ON coord.referral FROM %@",
        "REVOKE UPDATE, DELETE ON coord.referral_record FROM %@",
        "REVOKE UPDATE, DELETE ON coord.referral_event FROM %@",
        "REVOKE UPDATE, DELETE ON coord.alert FROM %@",
        "REVOKE DELETE ON coord.alert_target FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.plugin_installation FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.plugin_migration FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.plugin_publisher FROM %@",
        "REVOKE INSERT, UPDATE, DELETE ON coord.plugin_package FROM %@",
        "REVOKE UPDATE, DELETE ON coord.certificate FROM %@",
        "REVOKE UPDATE, DELETE ON coord.audit_checkpoint FROM %@",
    ]

    /// The newest core schema version.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}
