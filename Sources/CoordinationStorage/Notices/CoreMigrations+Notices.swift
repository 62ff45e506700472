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
}
