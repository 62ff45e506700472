import CoordinationStorage
import DevEnvironment
import Foundation

/// PostgreSQL's own client programs (`pg_dump`, `pg_restore`), run against a database given by
/// ``DatabaseSettings``: the password and TLS mode go in their environment, never on the
/// command line.
struct PostgresTools: Sendable {
    /// The folder of the programs: `$COORD_POSTGRES_BIN` or the newest installed version, whose
    /// `pg_dump` reads every older server.
    let directory: String

    init() throws {
        directory = try EmbeddedPostgres.binaryDirectory()
    }

    /// Runs `program` with `arguments` against `settings`; throws with its output when it fails.
    func run(_ program: String, _ arguments: [String], on settings: DatabaseSettings) async throws {
        let executable = (directory as NSString).appendingPathComponent(program)
        var environment = [
            "PGHOST": settings.host, "PGPORT": String(settings.port), "PGUSER": settings.username,
            "PGDATABASE": settings.database, "PGCONNECT_TIMEOUT": "10",
        ]
        environment["PGPASSWORD"] = settings.password
        switch settings.tls {
        case .disable: environment["PGSSLMODE"] = "disable"
        case .prefer: environment["PGSSLMODE"] = "prefer"
        case .require(let caFile):
            environment["PGSSLMODE"] = caFile == nil ? "require" : "verify-full"
            environment["PGSSLROOTCERT"] = caFile
        }
        let log = NSTemporaryDirectory() + "coord-\(program)-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let status = try await Self.detached { [environment] in
            try ChildProcess.run([executable, "--no-password"] + arguments, output: log, environment: environment)
        }
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw BackupError("\(program) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Runs the blocking `body` on a thread of its own, off the concurrency pool.
    private static func detached<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}

/// A backup or restore that cannot go on, with what to do about it.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
