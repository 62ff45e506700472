extension CoreMigrations {
    /// Crisis alerts (应急处置) and, per targeted department, its acknowledgement, deliveries
    /// and escalation level.
    static let alerts = Migration(version: 8, name: "crisis alerts", statements: [
        """
        CREATE TABLE coord.alert (
            seq                  bigserial NOT NULL UNIQUE,
            id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            severity             text NOT NULL CHECK (severity IN ('critical', 'high', 'moderate')),
            kind                 text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}[a-z0-9]$'),
            subject_pseudonym    text,
            summary              text NOT NULL CHECK (summary <> ''),
            raised_by            text NOT NULL,
            raised_by_department text NOT NULL REFERENCES coord.department (code),
            source_record_type   text,
            source_record_id     uuid REFERENCES coord.record (id),
            raised_at            timestamptz NOT NULL,
            acknowledge_by       timestamptz NOT NULL CHECK (acknowledge_by >= raised_at),
            CHECK ((source_record_id IS NULL) = (source_record_type IS NULL))
        )
        """,
        "CREATE INDEX alert_raiser ON coord.alert (raised_by_department, seq)",
        "CREATE INDEX alert_source_record ON coord.alert (source_record_id) WHERE source_record_id IS NOT NULL",
        """
        CREATE TABLE coord.alert_target (
            alert_id             uuid NOT NULL REFERENCES coord.alert (id),
            department_code      text NOT NULL REFERENCES coord.department (code),
            acknowledged_at      timestamptz,
            acknowledged_by      text,
            acknowledgement_note text,
            escalation_level     smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
            deliveries           integer NOT NULL DEFAULT 0 CHECK (deliveries >= 0),
            last_delivered_at    timestamptz,
            PRIMARY KEY (alert_id, department_code),
            CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
        )
        """,
        "CREATE INDEX alert_target_department ON coord.alert_target (department_code, alert_id)",
        // Watch streams and the escalation sweep read only what is still unacknowledged.
        "CREATE INDEX alert_target_open ON coord.alert_target (department_code) WHERE acknowledged_at IS NULL",
    ])
}
