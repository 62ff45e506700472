import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Logging

extension BenchPhases {
    /// Lengthens the audit chain to `total` entries, as the schema owner, with entries of an
    /// action of the benchmark's own (`bench.load`), 2,000 to a transaction: verifying a chain of
    /// 10⁶ entries needs 10⁶ audited actions, more than the other phases perform.
    func fillAudit(to total: Int) async throws {
        var logger = Logger(label: "coordination.bench.audit")
        logger.logLevel = .error
        let caller = Caller(kind: .system, departmentCode: "education", name: "coord-bench", certificateSerial: "00")
        let began = ContinuousClock.now
        let (before, after) = try await EmbeddedPostgres.withClient(deployment.prepared.owner, logger: logger) { [logger] client in
            let database = Database(client: client, operationTimeout: .seconds(60), logger: logger)
            let before = try await AuditLog.length(in: database)
            var length = before
            while length < total {
                let count = min(2_000, total - length)
                let events = (0..<count).map { AuditEvent(caller: caller, action: "bench.load", detail: "entry \(length + $0 + 1)") }
                try await database.transaction(scope: .server) { connection in
                    try await AuditLog.append(events, on: connection, logger: logger)
                }
                length += count
            }
            return (before, length)
        }
        guard after > before else { return }
        report.say("lengthened the audit chain: \(grouped(Double(before))) → \(grouped(Double(after))) entries in "
                   + "\(fixed(began.duration(to: .now).seconds, 0)) s")
    }
}
