import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment

/// A directory in which some departments a routing rule names are missing.
extension TestServer {
    /// Registers the dev county tree and only the dev departments in `departments` (as the
    /// schema owner), then installs the built-in plugins `plugins` (as the administrator).
    func seedPartialDirectory(_ departments: Set<String>, plugins: [String]) async throws {
        try await EmbeddedPostgres.withClient(owner, logger: TestLog.logger) { client in
            let store = DirectoryStore(database: Database(client: client, logger: TestLog.logger))
            for jurisdiction in DevSeed.jurisdictions { try await store.create(jurisdiction) }
            for department in DevSeed.departments where departments.contains(department.code) { try await store.create(department) }
        }
        try await installPlugins(plugins)
    }
}
