import CoordinationAPI
import CoordinationServer
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import Synchronization
import Testing

/// grpc.health.v1, shutdown, and the database coming and going.
@Suite("Health and database availability")
struct HealthTests {
    @Test("Check reports SERVING for the server and each service, NOT_FOUND for others")
    func check() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.withClient(try server.pki.educationSystem) { client in
                let health = Grpc_Health_V1_Health.Client(wrapping: client)
                for service in ["", "coordination.directory.v1.DirectoryService", "coordination.plugins.v1.PluginService"] {
                    let status = try await health.check(.with { $0.service = service }).status
                    #expect(status == .serving, "\(service)")
                }
                let error = await #expect(throws: RPCError.self) {
                    try await health.check(.with { $0.service = "no.such.Service" })
                }
                #expect(error?.code == .notFound)
            }
        }
    }

    @Test("Watch turns NOT_SERVING when the server shuts down")
    func notServingOnShutdown() async throws {
        let seen = Mutex<[Grpc_Health_V1_HealthCheckResponse.ServingStatus]>([])
        try await TestServer.with { server in
            try await server.seedDirectory(installingPlugins: false)
            try await server.withClient(try server.pki.coordinator) { client in
                try await Grpc_Health_V1_Health.Client(wrapping: client).watch(.init()) { response in
                    for try await message in response.messages {
                        seen.withLock { $0.append(message.status) }
                        if message.status == .serving {
                            // Shut the server down while this watch is open.
                            await server.group.triggerGracefulShutdown()
                        }
                    }
                }
            }
        }
        #expect(seen.withLock { $0 } == [.serving, .notServing])
    }

    @Test("database lost while running: calls fail UNAVAILABLE, then succeed again without a restart")
    func databaseOutage() async throws {
        // A cluster of its own, so stopping it disturbs no other test.
        try await TestCluster.withDedicatedCluster { postgres, credentials in
            try await TestServer.with(configure: {
                $0.database = postgres.runtimeSettings(credentials)
                $0.migrator = postgres.ownerSettings(credentials)
            }) { server in
                // An administrator's certificate needs no registered department: this cluster has none.
                let caller = try server.pki.admin
                _ = try await server.directory(caller) { try await $0.listDepartments(.init()) }

                try postgres.stop()
                let error = await #expect(throws: RPCError.self) {
                    try await server.directory(caller) { try await $0.listDepartments(.init()) }
                }
                #expect(error?.code == .unavailable)
                try await expectHealth(.notServing, server: server)

                _ = try await postgres.start()
                try await expectHealth(.serving, server: server)
                let departments = try await server.directory(caller) { try await $0.listDepartments(.init()) }
                #expect(departments.departments.isEmpty)
            }
        }
    }

    @Test("database unreachable at start: NOT_SERVING and UNAVAILABLE instead of a crash")
    func databaseDownAtStart() async throws {
        let closedPort = try LocalPort.free()
        try await TestServer.with(configure: {
            $0.database.port = closedPort
            $0.migrator?.port = closedPort
        }, waitUntilServing: false) { server in
            try await expectHealth(.notServing, server: server)
            let error = await #expect(throws: RPCError.self) {
                try await server.directory(try server.pki.officer) { try await $0.listDepartments(.init()) }
            }
            #expect(error?.code == .unavailable)
        }
    }

    private func expectHealth(
        _ expected: Grpc_Health_V1_HealthCheckResponse.ServingStatus, server: TestServer
    ) async throws {
        var last: Grpc_Health_V1_HealthCheckResponse.ServingStatus?
        for _ in 0..<60 {
            last = try? await server.withClient(try server.pki.admin) {
                try await Grpc_Health_V1_Health.Client(wrapping: $0).check(.init(), options: .quick).status
            }
            if last == expected { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("health stayed \(String(describing: last)), expected \(expected)")
    }
}
