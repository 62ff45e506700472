import CoordinationCore
import CoordinationStorage
import Logging
import PostgresNIO
import ServiceLifecycle

/// Brings the database to a state the server can serve from, and keeps watching it.
///
/// At start it migrates (when a migrator is configured) or waits for the schema, retrying with
/// backoff while the database is unreachable; the server reports NOT_SERVING meanwhile. Then it
/// probes the database every `probeInterval` on a connection of its own and flips health to
/// NOT_SERVING after `failedProbesBeforeLost` failed probes in a row, back at the first answer.
/// A runtime role that is a superuser or owns the tables is refused: row-level security would
/// not bind it.
struct DatabaseReadiness: Service {
    let runtime: Database
    /// A connection of its own for the probe, so that a pool busy with calls is not taken
    /// for a database that is gone.
    let probe: Database
    let migrator: Migrator?
    /// The plugins built into the server; the migrator writes the view grants of the enabled ones.
    let catalog: PluginRegistry
    /// Activates the installed plugins once the schema is ready.
    let activation: PluginActivation
    let board: HealthStatusBoard
    let logger: Logger
    var probeInterval: Duration = .seconds(1)
    /// Consecutive failed probes before the database counts as lost: one slow answer under load
    /// does not turn every call away.
    var failedProbesBeforeLost = 2

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await waitUntilReady()
                await board.setAll(.serving)
                logger.info("database ready; serving")
                try await monitor()
            }
        } catch is CancellationError {
            // Graceful shutdown: nothing left to watch.
        }
    }

    private func waitUntilReady() async throws {
        var delay = Duration.milliseconds(250)
        while true {
            do {
                try await prepare()
                return
            } catch let error as CoordinationError where error.code == .unavailable || error.code == .failedPrecondition {
                logger.warning("database not ready; retrying", metadata: ["reason": "\(error.message)", "in": "\(delay)"])
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
        }
    }

    private func prepare() async throws {
        if let migrator {
            try await migrator.migrate()
            try await migrator.syncViewGrants(catalog: catalog)
        } else {
            let versions = try await Migrator.appliedVersions(in: runtime)
            guard (versions.max() ?? 0) >= CoreMigrations.latestVersion else {
                throw CoordinationError(
                    code: .failedPrecondition,
                    message: "the schema is at version \(versions.max() ?? 0), this server needs \(CoreMigrations.latestVersion): run 'coord migrate'")
            }
        }
        try await checkRuntimeRole()
        try await activation.reload()
    }

    private func checkRuntimeRole() async throws {
        let (isSuperuser, ownsTables) = try await runtime.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT r.rolsuper,
                       EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'coord' AND tableowner = current_user)
                FROM pg_roles r WHERE r.rolname = current_user
                """, logger: logger)
            for try await row in rows.decode((Bool, Bool).self) { return row }
            return (false, false)
        }
        if isSuperuser || ownsTables {
            throw RuntimeRoleError(isSuperuser: isSuperuser)
        }
    }

    private func monitor() async throws {
        var serving = true
        var failedProbes = 0
        while true {
            try await Task.sleep(for: probeInterval)
            let reachable: Bool
            do {
                try await probe.withConnection { _ = try await $0.query("SELECT 1", logger: logger) }
                reachable = true
                failedProbes = 0
            } catch {
                failedProbes += 1
                reachable = failedProbes < failedProbesBeforeLost && serving
            }
            if reachable != serving {
                serving = reachable
                logger.warning(reachable ? "database reachable again; serving" : "database lost; not serving")
                await board.setAll(reachable ? .serving : .notServing)
            }
        }
    }
}

/// The configured runtime role could bypass row-level security.
struct RuntimeRoleError: Error, CustomStringConvertible {
    let isSuperuser: Bool
    var description: String {
        "the server's database role must be neither superuser nor owner of the coord tables (it is \(isSuperuser ? "a superuser" : "a table owner")); configure database.user as the runtime role and database.migrator.user as the owner"
    }
}
