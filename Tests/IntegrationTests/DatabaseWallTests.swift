import CoordinationCore
import CoordinationStorage
import CoordinationTesting
import DevEnvironment
import Foundation
import GRPCCore
import PostgresNIO
import Testing

/// The database is the second wall: through the server's own role, a department reads only
/// what row-level security lets it, whatever the query says.
@Suite("Row-level security")
struct DatabaseWallTests {
    @Test("the runtime role under department A cannot read B's records that A's view excludes")
    func rowLevelSecurity() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            for n in 1...3 { _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(n)) } }

            try await EmbeddedPostgres.withClient(server.runtime, logger: TestLog.logger) { client in
                func count(department: String?, purpose: String = "", basis: String = "") async throws -> Int64 {
                    try await client.withTransaction(logger: TestLog.logger) { connection in
                        if let department {
                            try await connection.query(
                                """
                                SELECT set_config('coord.department', \(department), true),
                                       set_config('coord.purpose', \(purpose), true),
                                       set_config('coord.legal_basis', \(basis), true)
                                """, logger: TestLog.logger)
                        }
                        // No WHERE clause at all: only the policy decides.
                        let rows = try await connection.query("SELECT count(*) FROM coord.record", logger: TestLog.logger)
                        for try await count in rows.decode(Int64.self) { return count }
                        return -1
                    }
                }
                let observed = [
                    try await count(department: nil),
                    try await count(department: "unions", purpose: "case-management", basis: "statutory-duty"),
                    try await count(department: "public-security", purpose: "risk-assessment", basis: "statutory-duty"),
                    try await count(department: "health", purpose: "case-management", basis: "statutory-duty"),
                    try await count(department: "health", purpose: "risk-assessment", basis: "statutory-duty"),
                    try await count(department: "education"),
                ]
                #expect(observed == [0, 0, 0, 0, 3, 3])

                // Writing as another department, or outside one's jurisdiction, is refused by the database.
                let forged = await #expect(throws: (any Error).self) {
                    try await client.withTransaction(logger: TestLog.logger) { connection in
                        try await connection.query("SELECT set_config('coord.department', 'unions', true)", logger: TestLog.logger)
                        try await connection.query(
                            """
                            INSERT INTO coord.record (publisher_department, request_id, record_type, jurisdiction_code, fields, published_by)
                            VALUES ('education', 'forged', 'x', 'demo-county', '{}', 'intruder')
                            """, logger: TestLog.logger)
                    }
                }
                #expect(String(reflecting: forged).contains("row-level security"))
                // Records are never changed or removed, not even by their publisher.
                for statement in ["UPDATE coord.record SET fields = '{}'", "DELETE FROM coord.record", "DELETE FROM coord.audit_entry"] {
                    let refused = await #expect(throws: (any Error).self, "\(statement)") {
                        try await client.withTransaction(logger: TestLog.logger) { connection in
                            try await connection.query("SELECT set_config('coord.department', 'education', true)", logger: TestLog.logger)
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestLog.logger)
                        }
                    }
                    #expect(String(reflecting: refused).contains("permission denied"), "\(statement)")
                }
            }
        }
    }

    @Test("a department's writes are confined to its jurisdiction and below")
    func jurisdictionOfWrites() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            try await EmbeddedPostgres.withClient(server.owner, logger: TestLog.logger) { client in
                try await client.query("UPDATE coord.department SET jurisdiction_code = 'demo-county.xinan' WHERE code = 'education'")
            }
            let error = await #expect(throws: (any Error).self) {
                try await server.sharing(try server.system("education")) {
                    try await $0.publish(try Fixtures.counsellingRoom(1, jurisdiction: "demo-county.chengguan"))
                }
            }
            #expect((error as? RPCError)?.code == .permissionDenied)
            #expect((error as? RPCError)?.message.contains("outside") == true)
            _ = try await server.sharing(try server.system("education")) {
                try await $0.publish(try Fixtures.counsellingRoom(2, jurisdiction: "demo-county.xinan.hetou"))
            }
        }
    }
}
