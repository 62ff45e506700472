import CoordinationCore
import Foundation
import Logging
import Synchronization

/// What a log line written while a call is served says about the call: a request id, the RPC
/// and, once its certificate is read, the caller's department — never whom the call is about.
/// Loggers add it through ``metadataProvider``.
public final class RequestLogContext: Sendable {
    /// The call being served by the current task, if any.
    @TaskLocal static var current: RequestLogContext?

    let requestID: String
    let rpc: String
    private let department = Mutex<String?>(nil)

    init(rpc: String) {
        self.requestID = String(UUID().uuidString.lowercased().prefix(8))
        self.rpc = rpc
    }

    /// Notes the department the call's certificate acts for.
    func identified(_ caller: Caller) {
        department.withLock { $0 = caller.departmentCode }
    }

    var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = ["request_id": "\(requestID)", "rpc": "\(rpc)"]
        if let department = department.withLock({ $0 }) { metadata["caller_department"] = "\(department)" }
        return metadata
    }

    /// Adds the current call's id, RPC and caller department to every log line written while
    /// it is served.
    public static let metadataProvider = Logger.MetadataProvider { current?.metadata ?? [:] }
}
