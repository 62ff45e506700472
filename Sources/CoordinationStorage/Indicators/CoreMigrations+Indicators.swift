extension CoreMigrations {
    /// Indicators with targets, the values departments report for them (with every revision
    /// kept), and the coordinators' evaluation feedback per department and year.
    static let indicators = Migration(version: 6, name: "indicators, targets, reports, evaluation feedback", statements: [
        """
        CREATE TABLE coord.indicator (
            code                    text PRIMARY KEY,
            name_zh                 text NOT NULL,
            name_en                 text NOT NULL,
            numerator_description   text NOT NULL,
            denominator_description text NOT NULL,
            unit                    text NOT NULL CHECK (unit IN ('percent', 'ratio', 'count')),
            ratio_per               integer NOT NULL DEFAULT 1 CHECK (ratio_per >= 1),
            owner_department        text NOT NULL REFERENCES coord.department (code),
            direction               text NOT NULL CHECK (direction IN ('at-least', 'at-most')),
            level                   smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
            period                  text NOT NULL CHECK (period IN ('year', 'quarter', 'month')),
            source                  text NOT NULL DEFAULT '',
            baseline_value          double precision,
            baseline_period         text,
            defined_by              text NOT NULL,
            defined_at              timestamptz NOT NULL,
            targets_set_at          timestamptz
        )
        """,
        "CREATE INDEX indicator_owner ON coord.indicator (owner_department)",
        """
        CREATE TABLE coord.indicator_target_step (
            indicator_code text NOT NULL REFERENCES coord.indicator (code),
            position       smallint NOT NULL,
            threshold      double precision NOT NULL,
            deadline       date NOT NULL,
            PRIMARY KEY (indicator_code, position)
        )
        """,
        // The current value per indicator, period and jurisdiction.
        """
        CREATE TABLE coord.indicator_report (
            indicator_code      text NOT NULL REFERENCES coord.indicator (code),
            period              text NOT NULL,
            jurisdiction_code   text NOT NULL REFERENCES coord.jurisdiction (code),
            numerator           bigint NOT NULL CHECK (numerator >= 0),
            denominator         bigint NOT NULL CHECK (denominator >= 0),
            revision            integer NOT NULL,
            reporter_department text NOT NULL REFERENCES coord.department (code),
            reported_by         text NOT NULL,
            reported_at         timestamptz NOT NULL,
            PRIMARY KEY (indicator_code, period, jurisdiction_code)
        )
        """,
        // Every report ever made, never changed: a re-report adds a revision.
        """
        CREATE TABLE coord.indicator_report_revision (
            indicator_code      text NOT NULL,
            period              text NOT NULL,
            jurisdiction_code   text NOT NULL,
            revision            integer NOT NULL,
            numerator           bigint NOT NULL,
            denominator         bigint NOT NULL,
            reporter_department text NOT NULL,
            reported_by         text NOT NULL,
            reported_at         timestamptz NOT NULL,
            PRIMARY KEY (indicator_code, period, jurisdiction_code, revision),
            FOREIGN KEY (indicator_code, period, jurisdiction_code)
                REFERENCES coord.indicator_report (indicator_code, period, jurisdiction_code)
        )
        """,
        """
        CREATE TABLE coord.evaluation_feedback (
            year            integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
            department_code text NOT NULL REFERENCES coord.department (code),
            feedback        text NOT NULL,
            written_by      text NOT NULL,
            written_at      timestamptz NOT NULL,
            PRIMARY KEY (year, department_code)
        )
        """,
    ])
}
