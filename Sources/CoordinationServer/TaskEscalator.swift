import CoordinationCore
import CoordinationStorage
import Logging
import ServiceLifecycle

/// Sweeps overdue tasks along the ``EscalationLadder`` every `interval`: a notice to the lead
/// department at the due date, then to the leading-group office after the grace period.
///
/// Safe with several server instances: each sweep locks the rows it advances (skipping rows
/// another instance holds) and every step's notice carries a once-key, so a step is posted once.
struct TaskEscalator: Service {
    let store: TaskStore
    let ladder: EscalationLadder
    let interval: Duration
    /// Sweeps run only while the server is SERVING (the schema is current, the database up).
    let board: HealthStatusBoard
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                guard await board.status(of: "") == .serving else {
                    try? await Task.sleep(for: min(interval, .milliseconds(250)))
                    continue
                }
                do {
                    let steps = try await store.escalateOverdue(ladder)
                    if steps > 0 { logger.info("escalated overdue tasks", metadata: ["notices": "\(steps)"]) }
                } catch let error as CoordinationError where error.code == .unavailable {
                    logger.debug("task escalation skipped; the database is unavailable", metadata: ["error": "\(error)"])
                } catch {
                    logger.warning("task escalation failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
