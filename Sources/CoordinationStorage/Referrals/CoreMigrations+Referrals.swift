extension CoreMigrations {
    /// Service referrals (服务转介): the referral with its consent and acceptance deadline, the
    /// records it links, its history; and the second wall for referral-based reads.
    static let referrals = Migration(version: 7, name: "service referrals", statements: [
        """
        CREATE TABLE coord.referral (
            id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            from_department   text NOT NULL REFERENCES coord.department (code),
            to_department     text NOT NULL REFERENCES coord.department (code),
            subject_pseudonym text NOT NULL CHECK (subject_pseudonym <> ''),
            reason            text NOT NULL CHECK (reason <> ''),
            urgency           text NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'routine')),
            urgency_defaulted boolean NOT NULL DEFAULT false,
            consent_kind      text NOT NULL CHECK (consent_kind IN ('given', 'not-required', 'emergency-override')),
            consent_text      text NOT NULL CHECK (consent_text <> ''),
            status            text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')),
            accept_by         timestamptz NOT NULL,
            escalation_level  smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
            closing_note      text NOT NULL DEFAULT '',
            created_by        text NOT NULL,
            created_at        timestamptz NOT NULL,
            decided_at        timestamptz,
            closed_at         timestamptz,
            CHECK (from_department <> to_department),
            CHECK ((status IN ('declined', 'completed', 'withdrawn')) = (closed_at IS NOT NULL))
        )
        """,
        // The deadline sweep reads only pending referrals.
        "CREATE INDEX referral_pending_deadline ON coord.referral (accept_by) WHERE status = 'pending'",
        "CREATE INDEX referral_to ON coord.referral (to_department, created_at DESC)",
        "CREATE INDEX referral_from ON coord.referral (from_department, created_at DESC)",
        """
        CREATE TABLE coord.referral_record (
            referral_id uuid NOT NULL REFERENCES coord.referral (id),
            record_id   uuid NOT NULL REFERENCES coord.record (id),
            position    smallint NOT NULL,
            PRIMARY KEY (referral_id, record_id)
        )
        """,
        "CREATE INDEX referral_record_record ON coord.referral_record (record_id, referral_id)",
        """
        CREATE TABLE coord.referral_event (
            seq             bigserial PRIMARY KEY,
            referral_id     uuid NOT NULL REFERENCES coord.referral (id),
            kind            text NOT NULL CHECK (kind IN ('created', 'accepted', 'declined', 'completed', 'withdrawn',
                                                          'overdue', 'escalated')),
            department_code text,
            actor           text NOT NULL,
            detail          text NOT NULL DEFAULT '',
            at              timestamptz NOT NULL
        )
        """,
        "CREATE INDEX referral_event_referral ON coord.referral_event (referral_id, seq)",
        // The second wall for referral-based reads: under active-referral, another department's
        // record is visible only if it is linked to the referral named in `coord.referral`, and
        // that referral is open and addressed to `coord.department`. Otherwise as before.
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
