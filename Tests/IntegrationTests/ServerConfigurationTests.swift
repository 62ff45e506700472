import CoordinationCore
import CoordinationServer
import CoordinationStorage
import Foundation
import Testing

/// Configuration from flags, `COORD_*` environment variables and a JSON file.
@Suite("Server configuration")
struct ServerConfigurationTests {
    private func withFile<T>(_ json: String, _ body: (String) async throws -> T) async throws -> T {
        let path = NSTemporaryDirectory() + "coord-config-\(UUID().uuidString).json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    @Test("flags win over the environment, which wins over the file")
    func precedence() async throws {
        let json = """
            {"listen": {"port": 7000, "host": "0.0.0.0"},
             "tls": {"certificate": "/f/server.crt", "key": "/f/server.key", "client-ca": "/f/ca.crt"},
             "database": {"host": "file-host", "user": "file_user", "tls": "require", "ca-file": "/f/pg.crt",
                          "migrator": {"user": "owner"}}}
            """
        let configuration = try await withFile(json) { path in
            try await ServerConfiguration.load(
                flags: ["listen.port": "9000", "privacy.pseudonym-key": String(repeating: "ab", count: 32)],
                environment: ["COORD_LISTEN_PORT": "8000", "COORD_DATABASE_HOST": "env-host",
                              "COORD_DATABASE_PASSWORD": "secret", "COORD_DATABASE_MIGRATOR_PASSWORD": "owner-secret",
                              "DATABASE_HOST": "not-ours"],
                file: path)
        }
        #expect(configuration.listenPort == 9000)
        #expect(configuration.listenHost == "0.0.0.0")
        #expect(configuration.database.host == "env-host")
        #expect(configuration.database.username == "file_user")
        #expect(configuration.database.password == "secret")
        #expect(configuration.database.tls == .require(caFile: "/f/pg.crt"))
        #expect(configuration.migrator?.username == "owner")
        #expect(configuration.migrator?.password == "owner-secret")
        #expect(configuration.clientCAPath == "/f/ca.crt")
    }

    @Test("defaults apply when only the required keys are given")
    func defaults() async throws {
        let configuration = try await ServerConfiguration.load(
            flags: ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                    "privacy.pseudonym-key": String(repeating: "ab", count: 32)], environment: [:], file: nil)
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8443)
        #expect(configuration.database.port == 5432)
        #expect(configuration.database.database == "coordination")
        #expect(configuration.database.username == "coord_app")
        #expect(configuration.migrator == nil)
        #expect(configuration.databaseTimeout == .seconds(5))
        #expect(configuration.maxStreamsPerConnection == 1000)
        #expect(configuration.logFormat == .text)
    }

    @Test("a missing or malformed key is named", arguments: [
        ([:], "tls.certificate"),
        (["database.tls": "maybe"], "database.tls"),
        (["log.level": "loud"], "log.level"),
        (["privacy.pseudonym-key": "abcd"], "privacy.pseudonym-key"),
        (["limits.max-streams-per-connection": "99"], "limits.max-streams-per-connection"),
        (["log.format": "xml"], "log.format"),
        (["limits.max-streams-per-connection": "100001"], "limits.max-streams-per-connection"),
    ])
    func errors(_ extra: [String: String], field: String) async throws {
        var flags = ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                     "privacy.pseudonym-key": String(repeating: "ab", count: 32)]
        if extra.isEmpty { flags["tls.certificate"] = nil }
        flags.merge(extra) { $1 }
        do {
            _ = try await ServerConfiguration.load(flags: flags, environment: [:], file: nil)
            Issue.record("accepted a configuration without a valid \(field)")
        } catch let error as CoordinationError {
            #expect(error.code == .invalidArgument)
            #expect(error.field == field)
        }
    }

    @Test("database.host names a primary and its standbys, each with its port or database.port")
    func severalHosts() async throws {
        let configuration = try await ServerConfiguration.load(
            flags: ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                    "privacy.pseudonym-key": String(repeating: "ab", count: 32)],
            environment: ["COORD_DATABASE_HOST": "db1.example, db2.example:5433,[fd00::5]:6432,::1", "COORD_DATABASE_PORT": "5444"],
            file: nil)
        #expect(configuration.database.endpoints.map(\.description) == [
            "db1.example:5444", "db2.example:5433", "[fd00::5]:6432", "[::1]:5444",
        ])
        #expect(configuration.migrator == nil)
        let single = try await ServerConfiguration.load(
            flags: ["tls.certificate": "c", "tls.key": "k", "tls.client-ca": "a",
                    "privacy.pseudonym-key": String(repeating: "ab", count: 32)], environment: [:], file: nil)
        #expect(single.database.endpoints.map(\.description) == ["127.0.0.1:5432"])
    }
}
