import CoordinationCore
@testable import CoordinationServer
import Foundation
import Logging
import Synchronization
import Testing

/// `log.format = json`: one JSON object per line, naming the call a line was written for.
@Suite("Log format")
struct LogFormatTests {
    /// The lines a handler wrote.
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
    }

    private func logger(into lines: Lines) -> Logger {
        Logger(label: "coordination") {
            JSONLogHandler(label: $0, metadataProvider: RequestLogContext.metadataProvider) { line in
                lines.all.withLock { $0.append(line) }
            }
        }
    }

    private func objects(_ lines: Lines) throws -> [[String: Any]] {
        try lines.all.withLock { $0 }.map { line in
            #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil, "one object per line: \(line)")
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("a line is one JSON object with time, level, logger, message and metadata, quotes and newlines escaped")
    func format() throws {
        let lines = Lines()
        logger(into: lines).warning("database unavailable: \"x\"\nnext", metadata: ["error": "timeout", "tries": ["1", "2"]])
        let object = try #require(try objects(lines).first)
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "coordination")
        #expect(object["message"] as? String == "database unavailable: \"x\"\nnext")
        #expect(object["error"] as? String == "timeout")
        #expect(object["tries"] as? [String] == ["1", "2"])
        let at = try #require(object["at"] as? String)
        #expect(try Date(at, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) <= Date())
        #expect(object["request_id"] == nil, "outside a call, no call is named")
    }

    @Test("a line written while a call is served names its request id, RPC and, once identified, the caller's department")
    func callContext() async throws {
        let lines = Lines()
        let logger = logger(into: lines)
        let call = RequestLogContext(rpc: "coordination.sharing.v1.SharingService/Publish")
        await RequestLogContext.$current.withValue(call) {
            logger.info("before the certificate is read")
            call.identified(Caller(kind: .system, departmentCode: "education", name: "system", certificateSerial: "01"))
            await Task.yield()
            logger.info("after")
        }
        let objects = try objects(lines)
        #expect(objects.count == 2)
        for object in objects {
            #expect(object["rpc"] as? String == "coordination.sharing.v1.SharingService/Publish")
            #expect((object["request_id"] as? String)?.count == 8)
        }
        #expect(objects[0]["request_id"] as? String == objects[1]["request_id"] as? String)
        #expect(objects[0]["caller_department"] == nil)
        #expect(objects[1]["caller_department"] as? String == "education")
    }
}
