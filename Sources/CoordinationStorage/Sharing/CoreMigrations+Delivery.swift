extension CoreMigrations {
    /// Reads that cost what they return, whatever is stored: a department's own records are
    /// found through their own index, and a stream learns how far publication has committed
    /// (`coord.record_high_water()`, past row-level security: a number, never a row) so that it
    /// moves on past records it may not see instead of reading them again on every wake-up.
    ///
    /// Sequence numbers are drawn while the audit chain's lock is held, and that lock is held to
    /// commit, so every record at or below the highest committed sequence has committed.
    static let delivery = Migration(version: 14, name: "own-record index and the committed high-water mark", statements: [
        "CREATE INDEX record_publisher_seq ON coord.record (publisher_department, seq)",
        """
        CREATE FUNCTION coord.record_high_water() RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT coalesce(max(r.seq), 0) FROM coord.record r
        $$
        """,
    ])
}
