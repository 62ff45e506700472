extension CoreMigrations {
    /// Joint meetings: invitations with attendance, ordered agenda items with minutes,
    /// decisions (referenced by tasks) and one vote per department.
    static let meetings = Migration(version: 4, name: "joint meetings", statements: [
        """
        CREATE TABLE coord.meeting (
            id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            kind                text NOT NULL
                                CHECK (kind IN ('leading_group', 'joint', 'case_conference', 'emergency')),
            title               text NOT NULL CHECK (title <> ''),
            jurisdiction_code   text NOT NULL REFERENCES coord.jurisdiction (code),
            starts_at           timestamptz NOT NULL,
            convener            text NOT NULL,
            convener_department text NOT NULL,
            quorum              integer NOT NULL CHECK (quorum >= 1),
            subject_pseudonym   text,
            status              text NOT NULL DEFAULT 'draft'
                                CHECK (status IN ('draft', 'convened', 'in_session', 'closed', 'cancelled')),
            current_item        integer,
            version             bigint NOT NULL DEFAULT 1,
            created_at          timestamptz NOT NULL,
            convened_at         timestamptz,
            started_at          timestamptz,
            ended_at            timestamptz,
            cancel_reason       text
        )
        """,
        "CREATE INDEX meeting_kind_status_start ON coord.meeting (kind, status, starts_at)",
        """
        CREATE TABLE coord.meeting_invitee (
            meeting_id          uuid NOT NULL REFERENCES coord.meeting (id),
            department_code     text NOT NULL REFERENCES coord.department (code),
            is_lead             boolean NOT NULL DEFAULT false,
            rsvp                text CHECK (rsvp IN ('attending', 'declining')),
            representative_name text,
            representative_role text,
            rsvp_by             text,
            rsvp_at             timestamptz,
            checked_in_by       text,
            checked_in_at       timestamptz,
            PRIMARY KEY (meeting_id, department_code)
        )
        """,
        "CREATE INDEX meeting_invitee_department ON coord.meeting_invitee (department_code)",
        """
        CREATE TABLE coord.meeting_agenda_item (
            meeting_id            uuid NOT NULL REFERENCES coord.meeting (id),
            position              integer NOT NULL CHECK (position >= 1),
            title                 text NOT NULL,
            presenting_department text NOT NULL,
            links                 text[] NOT NULL DEFAULT '{}',
            minutes               text,
            minutes_by            text,
            minutes_at            timestamptz,
            PRIMARY KEY (meeting_id, position),
            FOREIGN KEY (meeting_id, presenting_department)
                REFERENCES coord.meeting_invitee (meeting_id, department_code)
        )
        """,
        """
        CREATE TABLE coord.meeting_decision (
            id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            meeting_id    uuid NOT NULL REFERENCES coord.meeting (id),
            seq           bigserial NOT NULL,
            agenda_item   integer NOT NULL,
            method        text NOT NULL CHECK (method IN ('consensus', 'vote')),
            text          text NOT NULL,
            status        text NOT NULL CHECK (status IN ('voting', 'adopted', 'rejected')),
            votes_yes     integer NOT NULL DEFAULT 0,
            votes_no      integer NOT NULL DEFAULT 0,
            votes_abstain integer NOT NULL DEFAULT 0,
            recorded_by   text NOT NULL,
            opened_at     timestamptz NOT NULL,
            decided_at    timestamptz,
            FOREIGN KEY (meeting_id, agenda_item) REFERENCES coord.meeting_agenda_item (meeting_id, position)
        )
        """,
        "CREATE INDEX meeting_decision_meeting ON coord.meeting_decision (meeting_id)",
        // At most one vote open per meeting at a time.
        "CREATE UNIQUE INDEX meeting_decision_one_open_vote ON coord.meeting_decision (meeting_id) WHERE status = 'voting'",
        """
        CREATE TABLE coord.meeting_vote (
            decision_id     uuid NOT NULL REFERENCES coord.meeting_decision (id),
            department_code text NOT NULL,
            choice          text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
            cast_by         text NOT NULL,
            cast_at         timestamptz NOT NULL,
            PRIMARY KEY (decision_id, department_code)
        )
        """,
    ])
}
