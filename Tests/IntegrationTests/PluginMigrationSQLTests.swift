import BuiltInPlugins
import CoordinationCore
@testable import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import PluginAPI
import PostgresNIO
import SwiftProtobuf
import Testing

/// Every plugin's own migrations run on a freshly migrated database as an install runs them
/// (``PluginSchema``): as the plugin's own role, in its schema `plugin_<id>` first on the search
/// path, inside one transaction, which the test rolls back. The reporting views they create read
/// only the schema's `records` (the plugin's own records) and show exactly what the department
/// reports.
@Suite("PluginMigrationSQL")
struct PluginMigrationSQLTests {
    /// What one plugin's migrations made: its views, the tables they read, and their rows.
    struct Outcome: Sendable {
        var views: Set<String> = []
        var tablesRead: Set<String> = []
        var rows: [String: [String]] = [:]
    }

    @Test("each plugin declares its migrations from version 1 on, in order, each with statements")
    func versions() throws {
        for manifest in try BuiltInPlugins.catalog().manifests {
            #expect(manifest.migrations.map(\.version) == Array(1...max(1, manifest.migrations.count)), "\(manifest.id)")
            #expect(manifest.migrations.allSatisfy { !$0.statements.isEmpty && !$0.name.isEmpty }, "\(manifest.id)")
        }
    }

    @Test("every plugin's migrations run in its own schema; its views read only its own records and count them right")
    func migrationsRunAndViewsReport() async throws {
        let registry = try BuiltInPlugins.catalog()
        let databases = try await TestCluster.shared.freshDatabase()
        // As the schema owner, as the installer runs.
        let outcomes = try await EmbeddedPostgres.withClient(databases.owner, logger: TestLog.logger) { client in
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: TestLog.logger)
                do {
                    try await Self.insertDirectory(connection)
                    try await Self.insert(PluginMigrationSamples.records, registry: registry, connection)
                    var outcomes: [String: Outcome] = [:]
                    for manifest in registry.manifests {
                        outcomes[manifest.id] = try await Self.install(manifest, connection)
                    }
                    try await connection.query("ROLLBACK", logger: TestLog.logger)
                    return outcomes
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: TestLog.logger)
                    throw TestFailure(String(reflecting: error))  // with the server's message, sample data only
                }
            }
        }
        #expect(Set(outcomes.keys) == ["education", "unions", "civil-affairs", "public-security", "womens-federation"])
        for (id, outcome) in outcomes {
            let expected = try #require(PluginMigrationSamples.expected[id], "\(id)")
            #expect(outcome.views == Set(expected.keys), "\(id)")
            #expect(outcome.tablesRead == [PluginLifecycle.schema(of: id) + ".records"], "\(id) reads \(outcome.tablesRead)")
            for (view, rows) in expected {
                #expect(outcome.rows[view] == rows, "\(id).\(view)")
            }
        }
    }

    /// Runs `manifest`'s migrations as its install does, then reads what they made.
    static func install(_ manifest: PluginManifest, _ connection: PostgresConnection) async throws -> Outcome {
        let schema = PluginLifecycle.schema(of: manifest.id)
        try await PluginSchema.prepare(manifest, on: connection, logger: TestLog.logger)
        for migration in PluginLifecycle.pendingMigrations(of: manifest, nil) {
            try await PluginSchema.apply(migration, of: manifest, on: connection, logger: TestLog.logger)
        }
        var outcome = Outcome()
        let views = try await connection.query(
            // `records` is the install's own view of the plugin's records, not the plugin's.
            "SELECT table_name::text FROM information_schema.views WHERE table_schema = \(schema) AND table_name <> 'records'",
            logger: TestLog.logger)
        for try await view in views.decode(String.self) { outcome.views.insert(view) }
        let used = try await connection.query(
            """
            SELECT DISTINCT table_schema::text || '.' || table_name::text FROM information_schema.view_table_usage
            WHERE view_schema = \(schema) AND view_name <> 'records'
            """, logger: TestLog.logger)
        for try await table in used.decode(String.self) { outcome.tablesRead.insert(table) }
        for view in outcome.views {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT row_to_json(v)::text FROM \(schema).\(view) v ORDER BY row_to_json(v)::text COLLATE \"C\""),
                logger: TestLog.logger)
            var texts: [String] = []
            for try await text in rows.decode(String.self) { texts.append(text) }
            outcome.rows[view] = texts
        }
        return outcome
    }

    /// A township with two villages, and the five plugins' departments.
    static func insertDirectory(_ connection: PostgresConnection) async throws {
        let town = PluginMigrationSamples.township
        let (villageA, villageB) = (PluginMigrationSamples.villageA, PluginMigrationSamples.villageB)
        try await connection.query(
            """
            INSERT INTO coord.jurisdiction (code, name_zh, name_en, level, parent_code) VALUES
                (\(town), '镇', 'Town', 4, NULL), (\(villageA), '甲村', 'Village A', 5, \(town)),
                (\(villageB), '乙村', 'Village B', 5, \(town))
            """, logger: TestLog.logger)
        for department in ["education", "unions", "civil-affairs", "public-security", "womens-federation"] {
            try await connection.query(
                """
                INSERT INTO coord.department (code, name_zh, name_en, jurisdiction_code)
                VALUES (\(department), \(department), \(department), \(town))
                """, logger: TestLog.logger)
        }
    }

    /// Stores `records` in order as the server does: fields as JSON with proto field names,
    /// the risk level from the type's risk-level field.
    static func insert(
        _ records: [PluginMigrationSamples.Record], registry: PluginRegistry, _ connection: PostgresConnection
    ) async throws {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        for (index, record) in records.enumerated() {
            let type = type(of: record.message).protoMessageName
            let declaration = try #require(registry.recordType(named: type)?.type, "\(type)")
            let json = try record.message.jsonString(options: options)
            let riskLevel = declaration.riskLevelField.map { Int16(RecordFields.integer($0, in: RecordFields.object(json)) ?? 0) }
            try await connection.query(
                """
                INSERT INTO coord.record (publisher_department, request_id, record_type, subject_pseudonym, risk_level,
                                          jurisdiction_code, fields, published_by)
                VALUES (\(record.publisher), \("sample-\(index)"), \(type), \(record.subject), \(riskLevel),
                        \(record.jurisdiction), \(json)::jsonb, 'plugin-migration-test')
                """, logger: TestLog.logger)
        }
    }
}
