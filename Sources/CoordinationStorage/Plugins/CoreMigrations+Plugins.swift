extension CoreMigrations {
    /// Which department plugins are installed on this deployment, at which version, and which
    /// of their own migrations have run.
    static let plugins = Migration(version: 10, name: "plugin installations", statements: [
        """
        CREATE TABLE coord.plugin_installation (
            plugin_id   text PRIMARY KEY CHECK (plugin_id ~ '^[a-z][a-z0-9-]{0,40}$'),
            version     text NOT NULL CHECK (version <> ''),
            enabled     boolean NOT NULL,
            changed_at  timestamptz NOT NULL,
            changed_by  text NOT NULL,
            installed_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE coord.plugin_migration (
            plugin_id  text NOT NULL REFERENCES coord.plugin_installation (plugin_id) ON DELETE CASCADE,
            version    integer NOT NULL CHECK (version > 0),
            name       text NOT NULL,
            applied_at timestamptz NOT NULL,
            PRIMARY KEY (plugin_id, version)
        )
        """,
    ])
}
