extension CoreMigrations {
    /// Certificates and departments agree: the certificates this deployment knows (seen on a call,
    /// or handed in from the CA's ledger when revoked), departments that can be disabled, and one
    /// spelling of a serial number (lower-case hex without leading zeros).
    static let certificates = Migration(version: 11, name: "known certificates, disabled departments, canonical serials", statements: [
        """
        CREATE FUNCTION coord.canonical_serial(serial text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(nullif(ltrim(lower(serial), '0'), ''), '0') $$
        """,
        // One revocation per certificate, the earliest, under the canonical spelling.
        """
        DELETE FROM coord.revoked_certificate r USING coord.revoked_certificate o
        WHERE coord.canonical_serial(r.serial) = coord.canonical_serial(o.serial)
          AND (r.revoked_at, r.serial) > (o.revoked_at, o.serial)
        """,
        "UPDATE coord.revoked_certificate SET serial = coord.canonical_serial(serial) WHERE serial <> coord.canonical_serial(serial)",
        "ALTER TABLE coord.revoked_certificate ADD CHECK (serial = coord.canonical_serial(serial))",
        """
        CREATE TABLE coord.certificate (
            serial          text PRIMARY KEY CHECK (serial = coord.canonical_serial(serial)),
            kind            text NOT NULL CHECK (kind IN ('system', 'person')),
            department_code text NOT NULL,
            common_name     text NOT NULL,
            role            text,
            not_after       timestamptz NOT NULL,
            -- 'call': first seen on a call; 'ledger': handed in from the CA's ledger.
            source          text NOT NULL CHECK (source IN ('call', 'ledger')),
            known_since     timestamptz NOT NULL DEFAULT now()
        )
        """,
        "ALTER TABLE coord.department ADD COLUMN disabled_at timestamptz, ADD COLUMN disabled_reason text",
    ])
}
