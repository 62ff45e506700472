extension CoreMigrations {
    /// Notices to departments, read in sequence order by their streams.
    static let notices = Migration(version: 3, name: "notices", statements: [
        """
        CREATE TABLE coord.notice (
            seq             bigserial PRIMARY KEY,
            id              uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
            department_code text NOT NULL REFERENCES coord.department (code),
            kind            text NOT NULL,
            subject         text NOT NULL,
            title           text NOT NULL,
            detail          text NOT NULL,
            once_key        text UNIQUE,
            posted_at       timestamptz NOT NULL
        )
        """,
        "CREATE INDEX notice_department_seq ON coord.notice (department_code, seq)",
    ])

    /// A notice's title and detail, and the detail of each step of a task's or a referral's
    /// history, also as ``Localized`` texts, so that each reader reads them in their own
    /// language; what was written before keeps its English only.
    static let noticeTexts = Migration(version: 17, name: "texts in the reader's language", statements: [
        "ALTER TABLE coord.notice ADD COLUMN texts jsonb",
        "ALTER TABLE coord.task_event ADD COLUMN detail_text jsonb",
        "ALTER TABLE coord.referral_event ADD COLUMN detail_text jsonb",
        "DROP FUNCTION coord.post_notice(text, text, text, text, text, text, timestamptz)",
        """
        CREATE FUNCTION coord.post_notice(
            department text, kind text, subject text, title text, detail text, texts jsonb, once_key text,
            posted_at timestamptz
        ) RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
            INSERT INTO coord.notice (department_code, kind, subject, title, detail, texts, once_key, posted_at)
            VALUES (department, kind, subject, title, detail, texts, once_key, posted_at)
            ON CONFLICT ON CONSTRAINT notice_once_key_key DO NOTHING;
            RETURN FOUND;
        END
        $$
        """,
    ])
}
