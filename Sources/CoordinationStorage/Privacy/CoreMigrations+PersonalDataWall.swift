extension CoreMigrations {
    /// The second wall under every table that holds a person's data or its traces: row-level
    /// security on referrals, alerts and their acknowledgements, meetings and their case
    /// conferences, tasks, notices, audit entries and emergency accesses, keyed on the
    /// transaction's scope (``AccessScope``):
    ///
    /// - `coord.department`: the department a transaction acts for; it sees what it is a party
    ///   to (referrals from or to it, alerts it raised or that target it, meetings it is invited
    ///   to, tasks it is on, notices to it);
    /// - `coord.oversee` = `on`: the reader also follows all coordination work, so every
    ///   meeting, task, referral and alert row, but not the records a referral links;
    /// - `coord.server` = `on`: the server's own work (deadline sweeps, verification), with no
    ///   department.
    ///
    /// Audit entries are read only with a stated purpose, and only those made by departments of
    /// the caller's jurisdiction and below; the chain's head is read through
    /// `coord.audit_head()`, and notices are posted through `coord.post_notice(...)`, so that
    /// appending and posting need no read of anyone's rows.
    static let personalDataWall = Migration(version: 13, name: "row-level security on every personal-data table", statements: [
        """
        CREATE FUNCTION coord.caller_department() RETURNS text LANGUAGE sql STABLE AS $$
            SELECT coalesce(current_setting('coord.department', true), '')
        $$
        """,
        """
        CREATE FUNCTION coord.caller_oversees() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT coalesce(current_setting('coord.oversee', true), '') = 'on'
        $$
        """,
        """
        CREATE FUNCTION coord.server_scope() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT coalesce(current_setting('coord.server', true), '') = 'on'
        $$
        """,
        // The departments of the caller's jurisdiction and those below it.
        """
        CREATE FUNCTION coord.visible_departments() RETURNS SETOF text LANGUAGE sql STABLE AS $$
            SELECT code FROM coord.department WHERE jurisdiction_code IN (SELECT coord.visible_jurisdictions())
        $$
        """,
        // What the caller's department is a party to, read past row-level security (a policy
        // on a table cannot read that same table through its own policy).
        """
        CREATE FUNCTION coord.party_alerts() RETURNS SETOF uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT id FROM coord.alert WHERE raised_by_department = coord.caller_department()
            UNION
            SELECT alert_id FROM coord.alert_target WHERE department_code = coord.caller_department()
        $$
        """,
        """
        CREATE FUNCTION coord.invited_meetings() RETURNS SETOF uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT meeting_id FROM coord.meeting_invitee WHERE department_code = coord.caller_department()
        $$
        """,
        """
        CREATE FUNCTION coord.party_tasks() RETURNS SETOF uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT task_id FROM coord.task_department WHERE department_code = coord.caller_department()
        $$
        """,
        // The chain's head for appending: its position and hash, nothing of its content.
        """
        CREATE FUNCTION coord.audit_head(OUT seq bigint, OUT hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT e.seq, e.hash FROM coord.audit_entry e ORDER BY e.seq DESC LIMIT 1
        $$
        """,
        // Posting a notice to another department reads nothing of its notices; true when posted,
        // false when a notice with the same once-key was posted before.
        """
        CREATE FUNCTION coord.post_notice(
            department text, kind text, subject text, title text, detail text, once_key text, posted_at timestamptz
        ) RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
            INSERT INTO coord.notice (department_code, kind, subject, title, detail, once_key, posted_at)
            VALUES (department, kind, subject, title, detail, once_key, posted_at)
            ON CONFLICT ON CONSTRAINT notice_once_key_key DO NOTHING;
            RETURN FOUND;
        END
        $$
        """,

        // Referrals: their two departments; overseers; the server.
        "ALTER TABLE coord.referral ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY referral_read ON coord.referral FOR SELECT USING (
            from_department = coord.caller_department() OR to_department = coord.caller_department()
            OR coord.caller_oversees() OR coord.server_scope())
        """,
        """
        CREATE POLICY referral_create ON coord.referral FOR INSERT
        WITH CHECK (from_department = coord.caller_department())
        """,
        """
        CREATE POLICY referral_change ON coord.referral FOR UPDATE USING (
            from_department = coord.caller_department() OR to_department = coord.caller_department()
            OR coord.server_scope())
        """,
        // The records a referral links: its two departments only, overseers not.
        "ALTER TABLE coord.referral_record ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY referral_record_parties ON coord.referral_record USING (
            coord.server_scope() OR referral_id IN (
                SELECT f.id FROM coord.referral f
                WHERE f.from_department = coord.caller_department() OR f.to_department = coord.caller_department()))
        """,
        "ALTER TABLE coord.referral_event ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY referral_event_visible ON coord.referral_event USING (referral_id IN (SELECT id FROM coord.referral))",

        // Alerts: the raiser and the targeted departments; overseers; the server.
        "ALTER TABLE coord.alert ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY alert_read ON coord.alert FOR SELECT USING (
            raised_by_department = coord.caller_department() OR id IN (SELECT coord.party_alerts())
            OR coord.caller_oversees() OR coord.server_scope())
        """,
        """
        CREATE POLICY alert_raise ON coord.alert FOR INSERT
        WITH CHECK (raised_by_department = coord.caller_department())
        """,
        "ALTER TABLE coord.alert_target ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY alert_target_read ON coord.alert_target FOR SELECT USING (
            department_code = coord.caller_department() OR alert_id IN (SELECT coord.party_alerts())
            OR coord.caller_oversees() OR coord.server_scope())
        """,
        """
        CREATE POLICY alert_target_address ON coord.alert_target FOR INSERT WITH CHECK (
            alert_id IN (SELECT a.id FROM coord.alert a WHERE a.raised_by_department = coord.caller_department()))
        """,
        // Each targeted department acknowledges and counts deliveries for itself; the sweep escalates.
        """
        CREATE POLICY alert_target_acknowledge ON coord.alert_target FOR UPDATE USING (
            department_code = coord.caller_department() OR coord.server_scope())
        """,

    ] + partiesOverseersAndServer(
        // Meetings, case conferences among them: the invited departments; overseers (who
        // convene them); the server.
        see: ["meeting": "id", "meeting_invitee": "meeting_id", "meeting_agenda_item": "meeting_id",
              "meeting_decision": "meeting_id"],
        of: "coord.invited_meetings()", command: "ALL"
    ) + [
        "ALTER TABLE coord.meeting_vote ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY meeting_vote_visible ON coord.meeting_vote USING (decision_id IN (SELECT id FROM coord.meeting_decision))",
    ] + partiesOverseersAndServer(
        // Tasks, those a routing rule opened about a person among them: the departments on the
        // task; overseers; the server. A department's routing rule opens tasks it is not on.
        see: ["task": "id", "task_department": "task_id", "task_progress": "task_id", "task_event": "task_id"],
        of: "coord.party_tasks()", command: "SELECT"
    ) + [
        """
        CREATE POLICY task_change ON coord.task FOR UPDATE USING (
            id IN (SELECT coord.party_tasks()) OR coord.caller_oversees() OR coord.server_scope())
        """,
        """
        CREATE POLICY task_open ON coord.task FOR INSERT WITH CHECK (
            coord.caller_oversees() OR coord.server_scope()
            OR source_record_id IN (SELECT r.id FROM coord.record r WHERE r.publisher_department = coord.caller_department()))
        """,
        // Opening a task writes its departments and first history entry, which its opener may
        // not read back; progress is reported by a department on the task, for itself.
        """
        CREATE POLICY task_department_open ON coord.task_department FOR INSERT WITH CHECK (
            coord.caller_department() <> '' OR coord.server_scope())
        """,
        """
        CREATE POLICY task_event_append ON coord.task_event FOR INSERT WITH CHECK (
            coord.caller_department() <> '' OR coord.server_scope())
        """,
        """
        CREATE POLICY task_progress_report ON coord.task_progress FOR INSERT WITH CHECK (
            department_code = coord.caller_department() AND task_id IN (SELECT coord.party_tasks()))
        """,

        // Notices: the department they are addressed to; the server.
        "ALTER TABLE coord.notice ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY notice_addressee ON coord.notice FOR SELECT USING (
            department_code = coord.caller_department() OR coord.server_scope())
        """,

        // Audit entries: appended by anyone (the chain's hashes guard them); read by the server,
        // or with a stated purpose, only those of departments in the caller's jurisdiction.
        "ALTER TABLE coord.audit_entry ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY audit_entry_append ON coord.audit_entry FOR INSERT WITH CHECK (true)",
        """
        CREATE POLICY audit_entry_read ON coord.audit_entry FOR SELECT USING (
            coord.server_scope()
            OR (coalesce(current_setting('coord.purpose', true), '') <> ''
                AND (body::jsonb ->> 'callerDepartment') IN (SELECT coord.visible_departments())))
        """,
        // Break-the-glass accesses: logged by the department that made them; reviewed within
        // the jurisdiction of the accessing department and above.
        "ALTER TABLE coord.emergency_access ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY emergency_access_log ON coord.emergency_access FOR INSERT
        WITH CHECK (caller_department = coord.caller_department())
        """,
        """
        CREATE POLICY emergency_access_review ON coord.emergency_access FOR SELECT USING (
            caller_department IN (SELECT coord.visible_departments()) OR coord.server_scope())
        """,
        """
        CREATE POLICY emergency_access_close ON coord.emergency_access FOR UPDATE USING (
            caller_department IN (SELECT coord.visible_departments()))
        """,
    ])

    /// Row-level security on each table of `tables` (table → the column naming its meeting or
    /// task), admitting for `command` the rows of what the caller's department is a party to
    /// (`parties`, a set-returning function), and every row to overseers and to the server.
    private static func partiesOverseersAndServer(
        see tables: KeyValuePairs<String, String>, of parties: String, command: String
    ) -> [String] {
        tables.flatMap { table, column in
            [
                "ALTER TABLE coord.\(table) ENABLE ROW LEVEL SECURITY",
                """
                CREATE POLICY \(table)_\(command == "ALL" ? "visible" : "read") ON coord.\(table) FOR \(command) USING (
                    \(column) IN (SELECT \(parties)) OR coord.caller_oversees() OR coord.server_scope())
                """,
            ]
        }
    }
}
