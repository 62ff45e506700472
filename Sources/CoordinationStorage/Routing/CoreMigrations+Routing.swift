extension CoreMigrations {
    /// What routing rules open when a record is published: a task may come from a published
    /// record (besides a meeting decision or a work-plan phase), and a referral remembers the
    /// record whose routing rule opened it.
    static let routing = Migration(version: 9, name: "tasks and referrals opened by routing rules", statements: [
        "ALTER TABLE coord.task ADD COLUMN source_record_id uuid REFERENCES coord.record (id)",
        // Version 5's "exactly one of a decision or a work plan" becomes "exactly one source".
        "ALTER TABLE coord.task DROP CONSTRAINT task_check",
        """
        ALTER TABLE coord.task ADD CONSTRAINT task_one_source
            CHECK (num_nonnulls(decision_id, work_plan_id, source_record_id) = 1)
        """,
        "CREATE INDEX task_source_record ON coord.task (source_record_id) WHERE source_record_id IS NOT NULL",
        "ALTER TABLE coord.referral ADD COLUMN source_record_id uuid REFERENCES coord.record (id)",
        "CREATE INDEX referral_source_record ON coord.referral (source_record_id) WHERE source_record_id IS NOT NULL",
    ])
}
