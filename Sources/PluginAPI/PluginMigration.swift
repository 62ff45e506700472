/// One step of a plugin's own schema, applied once, in order of `version`.
///
/// The statements run inside the install (or upgrade) transaction as the plugin's own database
/// role, with the plugin's schema (`plugin_<id>`) as the search path. That role owns the
/// schema and can read one thing outside it: the view `records` there, which holds the
/// plugin's own record types (columns `id`, `seq`, `record_type`, `publisher_department`,
/// `jurisdiction_code`, `subject_pseudonym`, `risk_level`, `fields` as JSON, `published_at`).
/// A statement that reaches the core tables, another plugin's schema or the owner's role
/// fails, and the whole install is rolled back.
///
/// ```swift
/// PluginMigration(version: 1, name: "crisis screenings by school", statements: [
///     "CREATE VIEW crisis_by_school AS SELECT fields->>'school_code' AS school, count(*) FROM records GROUP BY 1",
/// ])
/// ```
public struct PluginMigration: Sendable, Hashable {
    /// Position in the plugin's history, from 1; never reused.
    public var version: Int
    /// What the step does, for the install summary and the audit trail.
    public var name: String
    /// SQL statements, run in order.
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
