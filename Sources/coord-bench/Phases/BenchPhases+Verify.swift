import DevEnvironment
import Foundation

extension BenchPhases {
    /// Verifies the whole audit chain in its own process: entries, time and peak resident memory
    /// (the child's own high-water mark: a spawned child's `ru_maxrss` would count the parent's
    /// memory it shared until it started the program).
    /// Run at 10⁴ records and at the end, the two peaks show whether memory stays constant.
    func measureVerification(label: String) async throws {
        let owner = deployment.prepared.owner
        let output = deployment.environment.root + "/verify.out"
        let began = ContinuousClock.now
        let pid = try ChildProcess.spawn(
            [ProcessInfo.processInfo.arguments[0], "verify-chain", "--host", owner.host, "--port", "\(owner.port)",
             "--database", owner.database, "--user", owner.username],
            output: output, environment: ["COORD_DATABASE_PASSWORD": owner.password ?? ""])
        let status = try ChildProcess.wait(for: pid, named: "verify-chain")
        let seconds = began.duration(to: .now).seconds
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let figures = printed.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard status == 0, figures.count == 2 else { throw BenchFailure("audit verification failed: \(printed)") }
        let (entries, peak) = (figures[0], Double(figures[1]) / 1024)
        report.say("audit verification: \(grouped(Double(entries))) entries in \(fixed(seconds, 1)) s, peak RSS \(fixed(peak, 0)) MB "
                   + "(target: constant memory)")
        report.record("verify_\(label)_entries", entries)
        report.record("verify_\(label)_s", seconds)
        report.record(label == "1e6" ? "verify_peak_rss_mb" : "verify_\(label)_peak_rss_mb", peak)
    }
}
