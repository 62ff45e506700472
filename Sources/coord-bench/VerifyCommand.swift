import ArgumentParser
import CoordinationCore
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging

/// Verifies the audit chain and prints how many entries it holds and the most memory this
/// process held (`VmHWM`, in kB); the benchmark runs it in its own process to measure that.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-chain", abstract: "Verify the audit chain (started by the benchmark).", shouldDisplay: false)

    @Option var host: String
    @Option var port: Int
    @Option var database: String
    @Option var user: String

    func run() async throws {
        var logger = Logger(label: "coordination.bench.verify")
        logger.logLevel = .error
        let settings = DatabaseSettings(
            host: host, port: port, database: database, username: user,
            password: ProcessInfo.processInfo.environment["COORD_DATABASE_PASSWORD"], tls: .disable)
        let verification = try await EmbeddedPostgres.withClient(settings, logger: logger) { [logger] client in
            try await AuditLog.verify(in: Database(client: client, logger: logger), with: AuditVerifier())
        }
        guard case .intact(let count) = verification.finding else {
            print("audit chain broken: \(verification.finding)")
            throw ExitCode(1)
        }
        print(count, Self.peakResidentKilobytes())
    }

    /// The high-water mark of this process's resident memory since it started, in kB.
    static func peakResidentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
