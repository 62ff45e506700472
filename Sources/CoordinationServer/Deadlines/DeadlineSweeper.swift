import CoordinationCore
import Logging
import ServiceLifecycle

/// Runs one sweep every `interval`: overdue tasks climbing their escalation ladder, referrals
/// past their acceptance deadline, alerts not yet acknowledged, the audit chain's head signed.
///
/// Safe with several server instances as long as each sweep locks the rows it advances
/// (`FOR UPDATE SKIP LOCKED`) and posts its notices with once-keys, so a step happens once.
struct DeadlineSweeper: Service {
    /// What is swept, for logs, e.g. `tasks`.
    let name: String
    let interval: Duration
    /// Sweeps run only while the server is SERVING (the schema is current, the database up).
    let board: HealthStatusBoard
    let logger: Logger
    /// One sweep; returns how many steps it took (notices posted, rows advanced).
    let sweep: @Sendable () async throws(CoordinationError) -> Int

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                guard await board.status(of: "") == .serving else {
                    try? await Task.sleep(for: min(interval, .milliseconds(250)))
                    continue
                }
                do {
                    let steps = try await sweep()
                    if steps > 0 { logger.info("sweep", metadata: ["sweep": "\(name)", "steps": "\(steps)"]) }
                } catch let error as CoordinationError where error.code == .unavailable {
                    logger.debug("sweep skipped; the database is unavailable", metadata: ["sweep": "\(name)"])
                } catch {
                    logger.warning("sweep failed", metadata: ["sweep": "\(name)", "error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
