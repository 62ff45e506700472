extension CoreMigrations {
    /// Plugin packages: the publisher keys administrators trust, the package each packaged
    /// plugin was installed from (so that every instance loads it), and views that show only
    /// records from a risk level up — enforced by the database as well.
    static let pluginPackages = Migration(version: 18, name: "plugin packages and views from a risk level", statements: [
        """
        CREATE TABLE coord.plugin_publisher (
            fingerprint text PRIMARY KEY,
            public_key  bytea NOT NULL UNIQUE CHECK (length(public_key) = 32),
            name        text NOT NULL,
            trusted_at  timestamptz NOT NULL,
            trusted_by  text NOT NULL
        )
        """,
        """
        CREATE TABLE coord.plugin_package (
            plugin_id          text PRIMARY KEY REFERENCES coord.plugin_installation (plugin_id) ON DELETE CASCADE
                               DEFERRABLE INITIALLY DEFERRED,
            version            text NOT NULL,
            digest             text NOT NULL,
            signer_fingerprint text NOT NULL,
            signer_name        text NOT NULL,
            record_types       text[] NOT NULL,
            file               bytea NOT NULL,
            stored_at          timestamptz NOT NULL
        )
        """,
        "ALTER TABLE coord.view_grant ADD COLUMN minimum_risk_level smallint NOT NULL DEFAULT 0",
        """
        ALTER POLICY record_read ON coord.record USING (
            publisher_department = current_setting('coord.department', true)
            OR (
                jurisdiction_code IN (SELECT coord.visible_jurisdictions())
                AND EXISTS (
                    SELECT 1 FROM coord.view_grant g
                    WHERE g.record_type = record.record_type
                      AND g.viewer_department IN (current_setting('coord.department', true), '*')
                      AND g.purpose = current_setting('coord.purpose', true)
                      AND g.legal_basis = current_setting('coord.legal_basis', true)
                      AND coalesce(record.risk_level, 0) >= g.minimum_risk_level
                )
                AND (
                    current_setting('coord.legal_basis', true) IS DISTINCT FROM 'active-referral'
                    OR EXISTS (
                        SELECT 1 FROM coord.referral_record rr
                        JOIN coord.referral f ON f.id = rr.referral_id
                        WHERE rr.record_id = record.id
                          AND f.id::text = current_setting('coord.referral', true)
                          AND f.to_department = current_setting('coord.department', true)
                          AND f.status IN ('pending', 'accepted')
                    )
                )
            )
        )
        """,
    ])
}
