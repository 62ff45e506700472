import DevEnvironment
import Foundation

/// Stops the shared cluster and removes its folder when the test process exits.
enum TestClusterCleanup {
    nonisolated(unsafe) private static var registered: (EmbeddedPostgres, String)?

    /// Stops `postgres` and removes `directory` at exit.
    static func register(postgres: EmbeddedPostgres, directory: String) {
        registered = (postgres, directory)
        atexit {
            guard let (postgres, directory) = TestClusterCleanup.registered else { return }
            try? postgres.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
