import Logging
import ServiceLifecycle

/// Keeps the embedded cluster for the life of the service group and stops it last, after the
/// server and the database clients have shut down. Put it first in the group.
public struct EmbeddedPostgresService: Service {
    let postgres: EmbeddedPostgres

    public init(postgres: EmbeddedPostgres) {
        self.postgres = postgres
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try postgres.stop()
    }
}
