extension CoreMigrations {
    /// Taking the audit chain's turn in one round trip: the chain's lock (held to the end of the
    /// transaction), then its head as committed now — position and hash, nothing of its content.
    /// Each statement of a volatile function reads a fresh snapshot, so the head is read after
    /// the lock is granted.
    static let auditTurn = Migration(version: 16, name: "the audit chain's turn in one call", statements: [
        """
        CREATE FUNCTION coord.audit_turn(OUT seq bigint, OUT hash text)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(\(AuditLog.lockKey));
            SELECT e.seq, e.hash INTO seq, hash FROM coord.audit_entry e ORDER BY e.seq DESC LIMIT 1;
        END
        $$
        """,
    ])
}
