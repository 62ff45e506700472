import CoordinationCore
import CoordinationClient
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

/// Calls every RPC of the API, as several roles, with generated requests (``RequestGenerator``),
/// and records the status of each call. A status that only a fault of the server gives —
/// INTERNAL, UNKNOWN, DATA_LOSS, a dropped connection (UNAVAILABLE), a unary call with no
/// answer by its deadline — is a finding.
struct RPCFuzzer {
    /// How much to send.
    struct Settings: Sendable {
        /// Calls per RPC.
        var callsPerRPC: Int
        /// The seed of the request generator; the same seed sends the same requests.
        var seed: UInt64
        /// Calls in flight at once.
        var concurrency = 8

        /// `COORD_FUZZ_CALLS` (default `quick`) and `COORD_FUZZ_SEED` (default random).
        static func fromEnvironment(quick: Int) -> Settings {
            let environment = ProcessInfo.processInfo.environment
            return Settings(
                callsPerRPC: environment["COORD_FUZZ_CALLS"].flatMap(Int.init) ?? quick,
                seed: environment["COORD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(Int64.max)))
        }
    }

    /// One call that ended with a status the server must never give.
    struct Finding: Sendable, CustomStringConvertible {
        let method: String
        let role: String
        let code: RPCError.Code
        let message: String
        let request: [UInt8]

        var description: String {
            let hex = Array(request.prefix(160)).hex
            return "\(method) as \(role): \(code): \(message.prefix(300)) — request \(request.count) bytes: \(hex)"
        }
    }

    /// What a run saw.
    final class Report: Sendable {
        private let state = Mutex<(codes: [String: [String: Int]], findings: [Finding])>(([:], []))

        func note(_ method: String, _ code: String) {
            state.withLock { $0.codes[method, default: [:]][code, default: 0] += 1 }
        }

        func note(_ finding: Finding) {
            state.withLock { $0.findings.append(finding) }
        }

        /// Status codes seen, per RPC.
        var codes: [String: [String: Int]] { state.withLock { $0.codes } }
        var findings: [Finding] { state.withLock { $0.findings } }
        var calls: Int { codes.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

        /// One line per RPC: calls and the codes seen.
        var table: String {
            codes.sorted { $0.key < $1.key }.map { method, codes in
                let total = codes.values.reduce(0, +)
                let seen = codes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                return "\(method)  \(total) calls: \(seen)"
            }.joined(separator: "\n")
        }
    }

    let schema: FuzzSchema
    let settings: Settings
    let port: Int
    /// Roles by name, each with its certificate.
    let roles: [(name: String, credentials: ClientCredentials)]

    /// Runs every call; `progress` is told after each tenth of them, and `check` after every
    /// call that found a fault (either may throw to end the run, e.g. when the server died).
    func run(
        progress: @escaping @Sendable (Int) async throws -> Void = { _ in },
        check: @escaping @Sendable () throws -> Void = {}
    ) async throws -> Report {
        let report = Report()
        let ids = HarvestedIDs()
        var jobs = schema.methods.flatMap { method in Array(repeating: method, count: settings.callsPerRPC) }
        var shuffler = SeededRandom(seed: settings.seed)
        jobs.shuffle(using: &shuffler)
        let queue = JobQueue(jobs)
        let refusals = Refusals()
        let tenth = max(1, jobs.count / 10)
        try await withClients { clients in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<settings.concurrency {
                    group.addTask {
                        var generator = RequestGenerator(
                            schema: schema, ids: ids, random: SeededRandom(seed: settings.seed &+ UInt64(worker + 1)))
                        while let (index, method) = queue.next() {
                            let role = refusals.role(for: method, among: roles, using: &generator.random)
                            let found = report.findings.count
                            let code = await call(
                                method, as: role.name, client: clients[role.name]!, generator: &generator, report: report, ids: ids)
                            if code == .permissionDenied { refusals.note(role.name, refused: method) }
                            if report.findings.count > found { try check() }
                            if (index + 1) % tenth == 0 { try await progress((index + 1) / tenth) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return report
    }

    /// Calls `method` once; returns the status code (`nil` for OK).
    private func call(
        _ method: FuzzSchema.Method, as role: String, client: GRPCClient<HTTP2ClientTransport.Posix>,
        generator: inout RequestGenerator, report: Report, ids: HarvestedIDs
    ) async -> RPCError.Code? {
        let messageCount: Int
        if method.clientStreaming {
            messageCount = Int.random(in: 0...3, using: &generator.random)
        } else {
            messageCount = Int.random(in: 0..<40, using: &generator.random) == 0 ? [0, 2].randomElement(using: &generator.random)! : 1
        }
        let department = role.hasPrefix("system-") ? String(role.dropFirst("system-".count)) : role == "officer-education" ? "education" : "health"
        var generated: [[UInt8]] = []
        for _ in 0..<messageCount { generated.append(generator.request(for: method, department: department)) }
        let messages = generated
        let code: RPCError.Code?
        var message = ""
        let timeout: Duration = method.serverStreaming ? .milliseconds(300) : .seconds(30)
        switch await RawCall.send(messages, to: method, on: client, timeout: timeout) {
        case .success(let replies):
            for reply in replies { ids.harvest(reply) }
            code = nil
        case .failure(let error):
            code = error.code
            message = error.message
        }
        report.note(method.fullName, code.map { "\($0)" } ?? "ok")
        if let code, Self.isFault(code, message: message, streaming: method.serverStreaming) {
            report.note(Finding(method: method.fullName, role: role, code: code, message: message, request: messages.first ?? []))
        }
        return code
    }

    /// Whether a call that ended with `code` and `message` shows a fault of the server. A
    /// stream cut off by the fuzzer's own short deadline ends with DEADLINE_EXCEEDED or
    /// CANCELLED; a unary call never should. UNAVAILABLE is a fault (a dropped connection)
    /// unless the server itself said its database was slow to answer, as it may under load.
    static func isFault(_ code: RPCError.Code, message: String, streaming: Bool) -> Bool {
        switch code {
        case .internalError, .unknown, .dataLoss, .unimplemented: return true
        case .unavailable: return !message.hasPrefix("the database")
        case .deadlineExceeded, .cancelled: return !streaming
        default: return false
        }
    }

    /// The roles each RPC has refused for want of a permission: later calls mostly go to the
    /// others, to reach past the permission check.
    private final class Refusals: Sendable {
        private let refused = Mutex<[String: Set<String>]>([:])

        func note(_ role: String, refused method: FuzzSchema.Method) {
            refused.withLock { _ = $0[method.fullName, default: []].insert(role) }
        }

        func role(
            for method: FuzzSchema.Method, among roles: [(name: String, credentials: ClientCredentials)],
            using random: inout SeededRandom
        ) -> (name: String, credentials: ClientCredentials) {
            let refused = refused.withLock { $0[method.fullName] ?? [] }
            let allowed = roles.filter { !refused.contains($0.name) }
            if !allowed.isEmpty, Int.random(in: 0..<5, using: &random) > 0 { return allowed.randomElement(using: &random)! }
            return roles.randomElement(using: &random)!
        }
    }

    /// The calls of a run, handed out one at a time to the workers.
    private final class JobQueue: Sendable {
        let jobs: [FuzzSchema.Method]
        private let position = Mutex(0)

        init(_ jobs: [FuzzSchema.Method]) { self.jobs = jobs }

        func next() -> (Int, FuzzSchema.Method)? {
            position.withLock { position in
                guard position < jobs.count else { return nil }
                defer { position += 1 }
                return (position, jobs[position])
            }
        }
    }

    private func withClients(
        _ body: @Sendable ([String: GRPCClient<HTTP2ClientTransport.Posix>]) async throws -> Void
    ) async throws {
        var clients: [String: GRPCClient<HTTP2ClientTransport.Posix>] = [:]
        for role in roles {
            clients[role.name] = GRPCClient(
                transport: try CoordinationConnection.transport(host: "localhost", port: port, credentials: role.credentials))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients.values { group.addTask { try await client.runConnections() } }
            defer { for client in clients.values { client.beginGracefulShutdown() } }
            try await body(clients)
        }
    }
}
