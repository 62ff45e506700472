extension CoreMigrations {
    /// Every instance answers "may this certificate call?" from memory
    /// (``CertificateStandings``); whatever changes the answer — a revocation, a department
    /// registered, disabled or enabled, by any instance, tool or hand — notifies
    /// `coord_standing` from the database itself, so every copy is reloaded at once.
    static let standingNotifications = Migration(version: 15, name: "certificate standing notifications", statements: [
        """
        CREATE FUNCTION coord.notify_standing() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog AS $$
        BEGIN
            PERFORM pg_notify('coord_standing', '');
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER department_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coord.department
        FOR EACH STATEMENT EXECUTE FUNCTION coord.notify_standing()
        """,
        """
        CREATE TRIGGER revocation_standing AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coord.revoked_certificate
        FOR EACH STATEMENT EXECUTE FUNCTION coord.notify_standing()
        """,
    ])
}
