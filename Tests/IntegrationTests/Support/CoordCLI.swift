import CoordinationClient
import CoordinationTesting
import DevEnvironment
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
        _ arguments: [String], server: TestServer, as credentials: ClientCredentials, input: String? = nil,
        environment: [String: String] = [:]
    ) async throws -> Outcome {
        let connection = [
            "--server", "localhost:\(server.port)", "--cert", credentials.certificatePath, "--key", credentials.keyPath,
            "--ca", credentials.caPath,
        ]
        return try await run(arguments + connection, input: input, environment: environment)
    }

    /// Runs `coord <arguments>` (or another of the built executables) as given, with `input` on
    /// standard input (none: /dev/null) and `environment` added to this process's.
    static func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:], binary: String = "coord"
    ) async throws -> Outcome {
        // The county's zone and English unless a test names them: the machine's TZ and locale
        // do not change what is printed.
        var environment = environment
        for variable in ["TZ", "LC_ALL", "LC_MESSAGES", "LANG"] where environment[variable] == nil { environment[variable] = "" }
        return try await run(executable: try BuiltExecutable.path(binary), arguments, input: input, environment: environment)
    }

    /// Runs `executable` (a path) with `arguments`, as ``run(_:input:environment:binary:)`` does.
    static func run(
        executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
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
        let status = try ChildProcess.run(
            [executable] + arguments, input: input == nil ? "/dev/null" : base + ".in", output: base + ".out",
            errors: base + ".err", environment: environment)
        return Outcome(
            status: status,
            stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }
}
