import CoordinationCore
import CoordinationStorage
import Logging
import ServiceLifecycle

/// Ends the open streams of certificates that may no longer call. A revocation or a disabled
/// department is written once, to the database, by whichever instance received it; every
/// instance's ``CertificateStandings`` hears of it at once, and this watch then checks the
/// certificates of the instance's own open streams (and at least every `interval`), so that a
/// stream ends with UNAUTHENTICATED as soon as the change is heard.
struct StreamStandingWatch: Service {
    let streams: OpenStreams
    let standings: CertificateStandings
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await watch()
        } catch is CancellationError {
            // Graceful shutdown: the streams end with the server.
        }
    }

    private func watch() async throws {
        let changes = await standings.changes()
        try await cancelWhenGracefulShutdown {
            try await StreamPump.run(wakeups: changes, fallback: interval) {
                let callers = streams.callers
                guard !callers.isEmpty else { return }
                do {
                    for (caller, standing) in try await standings.standings(of: callers) {
                        guard let refusal = IdentityInterceptor.refusal(standing, of: caller) else { continue }
                        logger.notice("ending the streams of a refused certificate", metadata: [
                            "serial": "\(caller.certificateSerial)", "reason": "\(refusal.message)",
                        ])
                        streams.bar(caller, with: refusal)
                    }
                } catch {
                    // The database is unavailable: calls fail with it, and the next round tries again.
                }
            }
        }
    }
}
