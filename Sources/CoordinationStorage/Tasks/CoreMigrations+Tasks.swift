extension CoreMigrations {
    /// Tasks with a lead and cooperating departments, their progress reports and history,
    /// work plans with dated phases.
    static let tasks = Migration(version: 5, name: "tasks and work plans", statements: [
        """
        CREATE TABLE coord.work_plan (
            id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            title             text NOT NULL CHECK (title <> ''),
            jurisdiction_code text NOT NULL REFERENCES coord.jurisdiction (code),
            year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            created_by        text NOT NULL,
            created_at        timestamptz NOT NULL
        )
        """,
        "CREATE INDEX work_plan_year ON coord.work_plan (year, jurisdiction_code)",
        """
        CREATE TABLE coord.work_plan_phase (
            work_plan_id uuid NOT NULL REFERENCES coord.work_plan (id),
            phase        text NOT NULL CHECK (phase IN ('mobilisation', 'promotion', 'deepening', 'evaluation')),
            position     smallint NOT NULL CHECK (position BETWEEN 1 AND 4),
            starts_at    timestamptz NOT NULL,
            ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
            PRIMARY KEY (work_plan_id, phase)
        )
        """,
        """
        CREATE TABLE coord.task (
            id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            title             text NOT NULL CHECK (title <> ''),
            description       text NOT NULL DEFAULT '',
            lead_department   text NOT NULL REFERENCES coord.department (code),
            priority          text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            jurisdiction_code text NOT NULL REFERENCES coord.jurisdiction (code),
            due_at            timestamptz NOT NULL,
            decision_id       uuid REFERENCES coord.meeting_decision (id),
            work_plan_id      uuid,
            work_plan_phase   text,
            status            text NOT NULL DEFAULT 'open'
                              CHECK (status IN ('open', 'in_progress', 'completed', 'verified', 'returned')),
            escalation_level  smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
            created_by        text NOT NULL,
            created_at        timestamptz NOT NULL,
            completed_at      timestamptz,
            verified_at       timestamptz,
            FOREIGN KEY (work_plan_id, work_plan_phase) REFERENCES coord.work_plan_phase (work_plan_id, phase),
            CHECK ((decision_id IS NULL) <> (work_plan_id IS NULL)),
            CHECK ((work_plan_id IS NULL) = (work_plan_phase IS NULL)),
            CHECK ((status IN ('completed', 'verified')) = (completed_at IS NOT NULL)),
            CHECK ((status = 'verified') = (verified_at IS NOT NULL))
        )
        """,
        // The escalation sweep reads only tasks still being worked on.
        "CREATE INDEX task_active_due ON coord.task (due_at) WHERE status IN ('open', 'in_progress', 'returned')",
        "CREATE INDEX task_decision ON coord.task (decision_id) WHERE decision_id IS NOT NULL",
        "CREATE INDEX task_work_plan ON coord.task (work_plan_id, work_plan_phase) WHERE work_plan_id IS NOT NULL",
        """
        CREATE TABLE coord.task_department (
            task_id         uuid NOT NULL REFERENCES coord.task (id),
            department_code text NOT NULL REFERENCES coord.department (code),
            role            text NOT NULL CHECK (role IN ('lead', 'cooperating')),
            PRIMARY KEY (task_id, department_code)
        )
        """,
        "CREATE UNIQUE INDEX task_department_one_lead ON coord.task_department (task_id) WHERE role = 'lead'",
        "CREATE INDEX task_department_department ON coord.task_department (department_code, task_id)",
        """
        CREATE TABLE coord.task_progress (
            seq                bigserial PRIMARY KEY,
            task_id            uuid NOT NULL,
            department_code    text NOT NULL,
            status             text NOT NULL CHECK (status IN ('in_progress', 'blocked', 'done_own_part')),
            percent            smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
            note               text NOT NULL DEFAULT '',
            evidence_reference text NOT NULL DEFAULT '',
            reported_by        text NOT NULL,
            reported_at        timestamptz NOT NULL,
            FOREIGN KEY (task_id, department_code) REFERENCES coord.task_department (task_id, department_code)
        )
        """,
        "CREATE INDEX task_progress_latest ON coord.task_progress (task_id, department_code, seq DESC)",
        """
        CREATE TABLE coord.task_event (
            seq             bigserial PRIMARY KEY,
            task_id         uuid NOT NULL REFERENCES coord.task (id),
            kind            text NOT NULL CHECK (kind IN ('created', 'progress', 'completed', 'verified', 'returned',
                                                          'supervised', 'overdue', 'escalated')),
            department_code text,
            actor           text NOT NULL,
            detail          text NOT NULL DEFAULT '',
            reply_due_at    timestamptz,
            at              timestamptz NOT NULL
        )
        """,
        "CREATE INDEX task_event_task ON coord.task_event (task_id, seq)",
    ])
}
