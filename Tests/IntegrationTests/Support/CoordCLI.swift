import CoordinationClient
import CoordinationTesting
import Foundation

/// The `coord` command line run as a child process against a test server.
enum CoordCLI {
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `coord <arguments>` connecting to `server` as `credentials` (the connection flags
    /// follow the arguments).
    static func run(
        _ arguments: [String], server: TestServer, as credentials: ClientCredentials, input: String? = nil
    ) async throws -> Outcome {
        let connection = [
            "--server", "localhost:\(server.port)", "--cert", credentials.certificatePath, "--key", credentials.keyPath,
            "--ca", credentials.caPath,
        ]
        return try await run(arguments + connection, input: input)
    }

    /// Runs `coord <arguments>` as given, with `input` on standard input (none: /dev/null) and
    /// `environment` added to this process's.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) async throws -> Outcome {
        let executable = try BuiltExecutable.path("coord")
        return try await withCheckedThrowingContinuation { continuation in
            // waitpid blocks: keep it off the concurrency pool.
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try spawn(executable, arguments, input: input, environment: environment) })
            }
        }
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], input: String?, environment: [String: String]
    ) throws -> Outcome {
        let base = NSTemporaryDirectory() + "coord-cli-\(UUID().uuidString)"
        defer {
            for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: base + suffix) }
        }
        if let input { try input.write(toFile: base + ".in", atomically: true, encoding: .utf8) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : base + ".in", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        var cArguments = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, added in added }
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw TestFailure("cannot start coord: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestFailure("cannot wait for coord") }
        }
        return Outcome(
            status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }
}
