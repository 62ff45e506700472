import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import Foundation
import GRPCCore

/// The `coordination-server` executable, built beside the test bundle, as a child process.
///
/// Its output goes to a log file; if it exits before it serves, the failure shows the end of
/// that log. Started with `--port 0`, it picks a free port and ``port`` reads it from the
/// "listening" line it logs once bound.
final class ServerProcess: Sendable {
    private let process: Process
    /// The child's combined output.
    let logPath: String

    /// Starts `coordination-server <arguments>` with `environment` added to this process's.
    init(arguments: [String], environment: [String: String] = [:]) throws {
        let executable = URL(fileURLWithPath: try BuiltExecutable.path("coordination-server"))
        logPath = NSTemporaryDirectory() + "coord-server-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
    }

    /// `coordination-server dev` on `dataDirectory`, on free ports, logging from notices up; a
    /// database operation may take 15 s, as in ``TestServer``: the whole suite shares two cores.
    static func dev(in dataDirectory: String) throws -> ServerProcess {
        try ServerProcess(arguments: [
            "dev", "--data-dir", dataDirectory, "--port", "0", "--postgres-port", "0", "--metrics-port", "0",
            "--log-level", "notice", "--database-timeout-ms", "15000",
        ])
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// What the child has written so far.
    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The end of the output, or, if the child crashed, the crash: its fatal error and where.
    var lastWords: String {
        let output = output
        for marker in ["Fatal error", "💣 Program crashed"] {
            if let range = output.range(of: marker) {
                let start = output[..<range.lowerBound].lastIndex(of: "\n") ?? output.startIndex
                return String(output[start...].prefix(6000))
            }
        }
        return String(output.suffix(4000))
    }

    /// The port from the last "listening" line (`address=127.0.0.1:PORT`), once logged.
    var port: Int? {
        guard let range = output.range(of: "address=127.0.0.1:", options: .backwards) else { return nil }
        return Int(output[range.upperBound...].prefix { $0.isNumber })
    }

    /// Polls health until SERVING (the first start includes initdb: up to 90 s); returns the
    /// port it serves on. Fails with the child's output if it exits first.
    @discardableResult
    func waitUntilServing(credentials: ClientCredentials) async throws -> Int {
        for _ in 0..<450 {
            guard process.isRunning else {
                throw TestFailure("coordination-server exited with \(process.terminationStatus):\n\(lastWords)")
            }
            if let port, FileManager.default.fileExists(atPath: credentials.keyPath) {
                let status = try? await CoordinationConnection.withClient(host: "localhost", port: port, credentials: credentials) {
                    try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init(), options: .quick).status
                }
                if status == .serving { return port }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("coordination-server did not report SERVING:\n\(lastWords)")
    }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// Resident memory, in bytes (`VmRSS` of /proc).
    func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw TestFailure("no VmRSS for process \(pid)") }
        return kilobytes * 1024
    }

    /// CPU time used so far (user and system), in seconds.
    func cpuSeconds() throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which is in parentheses and may hold spaces).
        guard let close = stat.lastIndex(of: ")") else { throw TestFailure("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw TestFailure("unreadable /proc/\(pid)/stat")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Kills the process outright (SIGKILL), as a crash would, and waits for it to be gone.
    func crash() async throws {
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Sends SIGTERM and waits (up to 60 s) for the exit status.
    func terminate() async throws -> Int32 {
        process.terminate()
        for _ in 0..<300 where process.isRunning {
            try await Task.sleep(for: .milliseconds(200))
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("coordination-server did not stop within 60 s of SIGTERM:\n\(lastWords)")
        }
        return process.terminationStatus
    }
}
