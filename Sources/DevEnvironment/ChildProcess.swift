import Foundation

/// Runs a program to its end, spawned directly (posix_spawn, waitpid) with its output going to
/// files, so that a daemon it leaves behind (the postmaster) cannot hold the caller up. The child
/// starts with no signal blocked and default handlers, whatever this multi-threaded process has
/// blocked: pgbench's `-T` timer, for one, needs SIGALRM.
public enum ChildProcess {
    /// A program that could not be started or waited for.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `argv` (the program's path first) with standard input from the file `input`, standard
    /// output to the file `output` and standard error to `errors` (`nil`: with the output), and
    /// `environment` added to this process's; returns its exit status, 128 + the signal's number
    /// when a signal ended it.
    public static func run(
        _ argv: [String], input: String = "/dev/null", output: String, errors: String? = nil,
        environment: [String: String] = [:]
    ) throws(Failure) -> Int32 {
        try wait(for: spawn(argv, input: input, output: output, errors: errors, environment: environment), named: argv[0])
    }

    /// Starts `argv` as `run` does, without waiting for it; returns its process id. Wait for it
    /// with `wait(for:named:)` (after signalling it, for a server).
    public static func spawn(
        _ argv: [String], input: String = "/dev/null", output: String, errors: String? = nil,
        environment: [String: String] = [:]
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errors {
            posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
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
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, added in added }
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Waits for the child `pid` (started by `spawn`) to end; returns its exit status, 128 + the
    /// signal's number when a signal ended it.
    public static func wait(for pid: pid_t, named name: String) throws(Failure) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "cannot wait for \(name)") }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
