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

    /// Runs `executable` with `arguments` and waits for it; returns its exit status and its
    /// combined output. Spawned directly (posix_spawn, waitpid), output through a temporary file,
    /// so a daemon it leaves behind (the postmaster) cannot hold us up.
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

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The child starts with no signal blocked and default handlers, whatever this
        // (multi-threaded) process has blocked: pgbench's -T timer, for one, needs SIGALRM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else {
            throw EmbeddedPostgresError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw EmbeddedPostgresError("cannot wait for \(argv[0])") }
        }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
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
