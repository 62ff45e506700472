import CoordinationClient
import CoordinationCore
import DevEnvironment
import Foundation
import Testing

/// `coord record watch` across a server restart: it says the connection is lost, reconnects,
/// says so with the gap, resumes from its last cursor (no record missed, none twice), and gives
/// up with exit 1 only after --max-wait.
@Suite("Reconnecting watchers")
struct WatchReconnectTests {
    @Test("a watcher reports the restart, resumes from its cursor without a gap, and gives up only after --max-wait")
    func restartUnderWatcher() async throws {
        let dataDirectory = NSTemporaryDirectory() + "coord-watch-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let port = try LocalPort.free()
        let start = {
            try ServerProcess(arguments: [
                "dev", "--data-dir", dataDirectory, "--port", String(port), "--postgres-port", "0", "--metrics-port", "0",
                "--log-level", "notice",
            ])
        }
        let pki = "\(dataDirectory)/pki"
        var server = try start()
        try await server.waitUntilServing(credentials: ClientCredentials.inDirectory(pki, name: "admin"))
        let connection = ["--server", "localhost:\(port)", "--pki-dir", pki]
        let publish = { (n: Int) in
            let id = NationalID.withCheckCharacter("11010520070101" + String(format: "%03d", n))
            let published = try await CoordCLI.run([
                "record", "publish", "--identity", "system-education", "--type", "coordination.education.v1.StudentScreeningReport",
                "--jurisdiction", "demo-county.chengguan.dongmen",
                "--record", #"{"national_id":"\#(id)","student_name":"学生\#(n)","school_code":"s1","risk_level":1,"screened_at":"2026-11-01T08:00:00Z"}"#,
            ] + connection)
            #expect(published.status == 0, "\(published.stderr)")
        }
        try await publish(1)

        let output = dataDirectory + "/watch.out"
        let errors = dataDirectory + "/watch.err"
        let watcher = try ChildProcess.spawn(
            [try BuiltExecutable.path("coord"), "record", "watch", "--identity", "system-health", "--purpose", "risk-assessment",
             "--max-wait", "20"] + connection,
            output: output, errors: errors, environment: ["TZ": ""])
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        // Up to a minute: the watcher backs off to 10 s between tries, each health check may take
        // 3 s, and under the whole suite's load a restart is noticed late.
        let waitFor = { (path: String, text: String) in
            for _ in 0..<600 where !read(path).contains(text) { try await Task.sleep(for: .milliseconds(100)) }
            #expect(read(path).contains(text), "waited for \(text) in \(path):\n\(read(path))\n\(read(errors))")
        }
        try await waitFor(output, "学生1")

        // The server restarts under the watcher.
        #expect(try await server.terminate() == 0)
        try await waitFor(errors, "reconnecting…")
        try await restart(&server, start: start, pki: pki)
        try await waitFor(errors, "reconnected to localhost:\(port) after")
        try await publish(2)
        try await waitFor(output, "学生2")
        #expect(read(output).components(separatedBy: "学生1").count == 2, "record 1 shown once:\n\(read(output))")

        // Gone for good: after --max-wait it gives up, exit 1, saying why.
        #expect(try await server.terminate() == 0)
        let status = try await Task.detached { try ChildProcess.wait(for: watcher, named: "coord record watch") }.value
        #expect(status == 1)
        #expect(read(errors).contains("gave up after"), "\(read(errors))")
        #expect(read(errors).contains("--max-wait"), "\(read(errors))")
    }

    /// Starts the server again on the same folder and port, and waits until it serves.
    private func restart(_ server: inout ServerProcess, start: () throws -> ServerProcess, pki: String) async throws {
        server = try start()
        try await server.waitUntilServing(credentials: ClientCredentials.inDirectory(pki, name: "admin"))
    }
}
