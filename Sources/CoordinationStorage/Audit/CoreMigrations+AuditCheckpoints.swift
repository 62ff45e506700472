extension CoreMigrations {
    /// Signed checkpoints of the audit chain's head, written by the server with a key kept
    /// outside the database; the runtime role may only add them.
    static let auditCheckpoints = Migration(version: 12, name: "signed audit checkpoints", statements: [
        """
        CREATE TABLE coord.audit_checkpoint (
            seq        bigint PRIMARY KEY,
            hash       text NOT NULL,
            at         text NOT NULL,
            signature  text NOT NULL,
            written_at timestamptz NOT NULL DEFAULT now()
        )
        """,
    ])
}
