import CoordinationCore
import CoordinationStorage
import Logging
import ServiceLifecycle

/// Ends the open streams of certificates that may no longer call. A revocation or a disabled
/// department is written once, to the database, by whichever instance received it; every
/// instance asks the database about the certificates of its own open streams every `interval`,
/// so that a stream ends with UNAUTHENTICATED within `interval` and a query on all of them.
struct StreamStandingWatch: Service {
    let streams: OpenStreams
    let registry: CertificateRegistry
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
        try await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                let callers = streams.callers
                guard !callers.isEmpty else { continue }
                do {
                    for (caller, standing) in try await registry.standings(of: callers) {
                        guard let refusal = IdentityInterceptor.refusal(standing, of: caller) else { continue }
                        logger.notice("ending the streams of a refused certificate", metadata: [
                            "serial": "\(caller.certificateSerial)", "reason": "\(refusal.message)",
                        ])
                        streams.bar(caller, with: refusal)
                    }
                } catch {
                    // The database is unavailable: calls fail with it, and the next round tries again.
                    continue
                }
            }
        }
    }
}
