import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

/// Alert calls, a watcher that collects deliveries, and request builders.
extension TestServer {
    /// Alert calls as `credentials`.
    func alerts<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Alerts_AlertService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Alerts_AlertService.Client(wrapping: $0)) }
    }

    /// Watches as `credentials` until `count` deliveries arrive or `timeout` passes; returns
    /// what arrived.
    func watchAlerts(
        _ count: Int, as credentials: ClientCredentials, within timeout: Duration = .seconds(10)
    ) async throws -> [Alerts_AlertDelivery] {
        let deliveries = Mutex<[Alerts_AlertDelivery]>([])
        var options = CallOptions.defaults
        options.timeout = timeout
        do {
            try await alerts(credentials) { [options] client in
                try await client.watch(Alerts_WatchRequest(), options: options) { response in
                    for try await delivery in response.messages {
                        if deliveries.withLock({ $0.append(delivery); return $0.count >= count }) { return }
                    }
                }
            }
        } catch let error as RPCError where error.code == .deadlineExceeded {
            // Fewer than `count` arrived in time; the caller checks what did.
        }
        return deliveries.withLock { $0 }
    }

    /// Raises an alert as `credentials`; returns its id.
    func raiseAlert(
        as credentials: ClientCredentials, severity: Alerts_Severity = .high, kind: String = "violence-risk",
        summary: String = "patient stopped medication, threatened neighbours", targets: [String] = ["health"],
        nationalID: String = ""
    ) async throws -> String {
        try await alerts(credentials) {
            try await $0.raiseAlert(.with {
                $0.severity = severity
                $0.kind = kind
                $0.summary = summary
                $0.targetDepartments = targets
                $0.subjectNationalID = nationalID
            })
        }.alertID
    }
}
