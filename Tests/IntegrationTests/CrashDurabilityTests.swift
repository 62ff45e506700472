import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import DevEnvironment
import EducationPlugin
import Foundation
import GRPCCore
import Synchronization
import Testing

/// A crash never loses an acknowledged write.
@Suite("Crash durability")
struct CrashDurabilityTests {
    @Test("the server killed with SIGKILL during a stream of publishes keeps every acknowledged record")
    func sigkillDuringPublishing() async throws {
        let dataDirectory = NSTemporaryDirectory() + "coord-crash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let education = ClientCredentials.inDirectory("\(dataDirectory)/pki", name: "system-education")

        let server = try ServerProcess.dev(in: dataDirectory)
        let port = try await server.waitUntilServing(credentials: education)

        let acknowledged = Acknowledged()
        let publishers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        // One connection per worker, publishing until the server dies under it.
                        try? await CoordinationConnection.withClient(host: "localhost", port: port, credentials: education) { client in
                            let sharing = Sharing_SharingService.Client(wrapping: client)
                            var n = 0
                            while !Task.isCancelled {
                                n += 1
                                let name = "学生\(worker)-\(n)"
                                var request = try Fixtures.screening(worker * 10_000 + n, requestID: "crash-\(worker)-\(n)")
                                var report = try Education_StudentScreeningReport(unpackingAny: request.record)
                                report.studentName = name
                                request.record = try .init(message: report)
                                _ = try await sharing.publish(request, options: .quick)
                                acknowledged.names.withLock { _ = $0.insert(name) }
                            }
                        }
                    }
                }
            }
        }
        while acknowledged.names.withLock({ $0.count }) < 40 {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await server.crash()
        publishers.cancel()
        await publishers.value
        let acked = acknowledged.names.withLock { $0 }

        let restarted = try ServerProcess.dev(in: dataDirectory)
        let restartedPort = try await restarted.waitUntilServing(credentials: education)
        let stored = try await CoordinationConnection.withClient(host: "localhost", port: restartedPort, credentials: education) { client in
            var names = Set<String>()
            var cursor = ""
            repeat {
                let page = try await Sharing_SharingService.Client(wrapping: client).query(.with {
                    $0.context = Fixtures.context(.caseManagement, .statutoryDuty)
                    $0.pageSize = 500
                    $0.cursor = cursor
                })
                for record in page.records {
                    if let name = record.fields.fields["student_name"]?.stringValue { names.insert(name) }
                }
                cursor = page.nextCursor
            } while !cursor.isEmpty
            return names
        }
        #expect(acked.count >= 40)
        #expect(acked.isSubset(of: stored), "lost: \(acked.subtracting(stored).sorted().prefix(5))")
        #expect(try await restarted.terminate() == 0)
    }
}

/// Names of the records the server acknowledged, shared by the publishing workers.
private final class Acknowledged: Sendable {
    let names = Mutex<Set<String>>([])
}
