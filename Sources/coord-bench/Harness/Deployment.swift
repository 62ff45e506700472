import BuiltInPlugins
import CoordinationAPI
import CoordinationClient
import CoordinationStorage
import DevEnvironment
import Foundation
import Logging

/// What the benchmark measures against, each in its own process: a private PostgreSQL cluster,
/// the release server binary serving it, and the bare echo peer over the same mutual TLS.
struct Deployment {
    let environment: DevEnvironment
    let credentials: EmbeddedPostgres.Credentials
    let prepared: DevEnvironment.Prepared
    let server: Endpoint
    let echo: Endpoint
    let serverID: pid_t
    let echoID: pid_t
    let postmasterID: pid_t

    /// The folder of the benchmark's own binary, where `coordination-server` was built too.
    static var binaryDirectory: String {
        ((ProcessInfo.processInfo.arguments[0] as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
    }

    /// Prepares the cluster and certificates under `root`, then starts the server and the echo peer.
    static func start(root: String, logger: Logger) async throws -> Deployment {
        let environment = DevEnvironment(root: root, postgresPort: 0, logger: logger)
        let prepared = try await environment.prepare(installing: try BuiltInPlugins.catalog())
        let credentials = try await environment.postgres.start()
        let serverPort = try LocalPort.free()
        let configuration: [String: Any] = [
            "listen": ["host": "127.0.0.1", "port": serverPort],
            "tls": ["certificate": prepared.serverCertificate, "key": prepared.serverKey, "client-ca": prepared.caCertificate],
            "database": [
                "host": prepared.runtime.host, "port": prepared.runtime.port, "name": prepared.runtime.database,
                "user": prepared.runtime.username, "tls": "disable",
            ],
            "privacy": ["pseudonym-key": prepared.pseudonymKey],
            "audit": ["checkpoint-key": prepared.auditCheckpointKey],
            "log": ["level": "error"],
        ]
        let configPath = (root as NSString).appendingPathComponent("server.json")
        try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: configPath))
        let serverID = try ChildProcess.spawn(
            ["\(binaryDirectory)/coordination-server", "serve", "--config", configPath],
            output: (root as NSString).appendingPathComponent("server.log"),
            environment: ["COORD_DATABASE_PASSWORD": prepared.runtime.password ?? ""])
        let echoPort = try LocalPort.free()
        let echoID = try ChildProcess.spawn(
            [ProcessInfo.processInfo.arguments[0], "echo-peer", "--port", "\(echoPort)",
             "--certificate", prepared.serverCertificate, "--key", prepared.serverKey, "--client-ca", prepared.caCertificate],
            output: (root as NSString).appendingPathComponent("echo.log"))
        let pki = environment.pkiDirectory
        let deployment = Deployment(
            environment: environment, credentials: credentials, prepared: prepared,
            server: Endpoint(port: serverPort, credentials: .inDirectory(pki, name: "system-education")),
            echo: Endpoint(port: echoPort, credentials: .inDirectory(pki, name: "system-education")),
            serverID: serverID, echoID: echoID, postmasterID: try environment.postgres.postmasterID())
        try await deployment.waitUntilServing()
        return deployment
    }

    /// The server as another department's system or person (`system-health`, `admin`, …).
    func server(as identity: String) -> Endpoint {
        Endpoint(port: server.port, credentials: .inDirectory(environment.pkiDirectory, name: identity))
    }

    /// Meters for the server, PostgreSQL, the echo peer and this process (the clients).
    var meters: [(String, ProcessMeter)] {
        [("server", ProcessMeter(target: .process(serverID))),
         ("postgres", ProcessMeter(target: .cluster(postmaster: postmasterID))),
         ("echo", ProcessMeter(target: .process(echoID))),
         ("clients", ProcessMeter(target: .process(getpid())))]
    }

    /// Stops the server and the echo peer (SIGTERM: the server drains) and the cluster.
    func stop() throws {
        for (pid, name) in [(serverID, "coordination-server"), (echoID, "echo peer")] {
            kill(pid, SIGTERM)
            _ = try ChildProcess.wait(for: pid, named: name)
        }
        try environment.postgres.stop()
    }

    private func waitUntilServing() async throws {
        for _ in 0..<300 {
            let serving = try? await server.withClient {
                try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init()).status == .serving
            }
            let echoing = try? await echo.withClient { try await EchoPeer.call($0, payload: .init()) }
            if serving == true, echoing != nil { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchFailure("the server did not become SERVING within a minute (see server.log in the data folder)")
    }
}

/// A benchmark that cannot go on.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
