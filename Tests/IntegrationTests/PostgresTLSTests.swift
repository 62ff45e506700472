import CoordinationAPI
import CoordinationCore
import CoordinationPKI
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import PostgresNIO
import Testing

/// An external PostgreSQL over TLS with password authentication, as in production.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    @Test("the server reaches PostgreSQL over verified TLS and serves")
    func serverOverTLS() async throws {
        try await TestCluster.withDedicatedCluster { postgres, credentials in

            let databaseCA = try TestPKI()
            defer { databaseCA.remove() }
            let certificate = try databaseCA.authority.issueServer(
                commonName: "127.0.0.1", hostnames: ["localhost"], ipAddresses: ["127.0.0.1"])
            try await postgres.enableTLS(
                certificatePEM: try certificate.certificatePEM(), keyPEM: certificate.privateKeyPEM, credentials: credentials)

            var runtime = postgres.runtimeSettings(credentials)
            runtime.tls = .require(caFile: databaseCA.caPath)
            var owner = postgres.ownerSettings(credentials)
            owner.tls = .require(caFile: databaseCA.caPath)

            try await TestServer.with(configure: { [runtime, owner] in
                $0.database = runtime
                $0.migrator = owner
            }) { server in
                let departments = try await server.directory(try server.pki.admin) { try await $0.listDepartments(.init()) }
                #expect(departments.departments.isEmpty)
            }

            // The runtime role's own connection is encrypted.
            let encrypted = try await EmbeddedPostgres.withClient(runtime, logger: TestLog.logger) { client in
                let rows = try await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                for try await ssl in rows.decode(Bool.self) { return ssl }
                return false
            }
            #expect(encrypted)

            // A CA that did not sign PostgreSQL's certificate is refused.
            let stranger = try TestPKI()
            defer { stranger.remove() }
            var untrusted = runtime
            untrusted.tls = .require(caFile: stranger.caPath)
            let refused = await #expect(throws: CoordinationError.self) {
                try await EmbeddedPostgres.withClient(untrusted, logger: TestLog.logger) { client in
                    let database = Database(client: client, operationTimeout: .seconds(2), logger: TestLog.logger)
                    try await database.withConnection { _ = try await $0.query("SELECT 1") }
                }
            }
            #expect(refused?.code == .unavailable)
        }
    }
}
