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
    ]

    /// The newest core schema version.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}
