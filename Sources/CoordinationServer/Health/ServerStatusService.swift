import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import SwiftProtobuf

/// `coordination.admin.v1.ServerService`: the answering instance's own state. It answers from
/// memory — an operator asks most when the database is slow — except for the database's schema
/// version, read at most every ten seconds and never waited for longer than a second.
struct ServerStatusService: Admin_ServerService.SimpleServiceProtocol {
    let streams: OpenStreams
    let startedAt: Date
    /// The runtime database, with a short operation timeout.
    let database: Database
    let schema = PeriodicCopy<Int>()

    func getServerStatus(
        request: Admin_GetServerStatusRequest, context: ServerContext
    ) async throws -> Admin_ServerStatus {
        _ = try context.caller(requiring: .serverStatus)
        let open = streams.byMethod
        let schemaVersion = await schema.value { [database] in try await Migrator.appliedVersions(in: database).max() ?? 0 } ?? 0
        return .with {
            $0.version = ProductVersion.current
            $0.schemaVersion = Int32(clamping: schemaVersion)
            $0.expectedSchemaVersion = Int32(clamping: CoreMigrations.all.map(\.version).max() ?? 0)
            $0.openStreams = open.mapValues { Int32(clamping: $0) }
            $0.openStreamsTotal = Int32(clamping: open.values.reduce(0, +))
            $0.startedAt = Google_Protobuf_Timestamp(date: startedAt)
        }
    }
}
