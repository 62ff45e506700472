import Foundation

/// Runs helper programs (initdb, pg_ctl), as an unprivileged user when this process is root.
struct CommandRunner: Sendable {
    /// The OS user PostgreSQL runs as when we are root; `nil` when we are not root.
    let unprivilegedUser: String?

    init() {
        if geteuid() == 0 {
            unprivilegedUser = ProcessInfo.processInfo.environment["COORD_POSTGRES_OS_USER"] ?? "postgres"
        } else {
            unprivilegedUser = nil
        }
    }

    /// Runs `executable` with `arguments` and waits for it (``ChildProcess``); returns its exit
    /// status and its combined output.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], check: Bool = true) throws -> (status: Int32, output: String) {
        let argv: [String]
        if let user = unprivilegedUser {
            argv = ["/usr/sbin/runuser", "-u", user, "--", executable] + arguments
        } else {
            argv = [executable] + arguments
        }
        let outputPath = NSTemporaryDirectory() + "coord-cmd-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        let exitStatus: Int32
        do {
            exitStatus = try ChildProcess.run(argv, output: outputPath)
        } catch {
            throw EmbeddedPostgresError(error.description)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if check && exitStatus != 0 {
            let name = (executable as NSString).lastPathComponent
            throw EmbeddedPostgresError("\(name) failed (exit \(exitStatus)): \(output)")
        }
        return (exitStatus, output)
    }

    /// Gives `path` to the unprivileged user, if we are root.
    func handOver(_ path: String) throws {
        guard let user = unprivilegedUser else { return }
        guard getpwnam(user) != nil else {
            throw EmbeddedPostgresError(
                "running as root, but there is no '\(user)' user to run PostgreSQL as; install the 'postgresql' package or set COORD_POSTGRES_OS_USER")
        }
        try FileManager.default.setAttributes([.ownerAccountName: user], ofItemAtPath: path)
    }
}

/// A failure to set up or run the embedded PostgreSQL cluster.
public struct EmbeddedPostgresError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
