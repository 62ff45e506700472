import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import Synchronization
import SwiftProtobuf

/// `coordination.admin.v1.ServerService`: the answering instance's own state. It answers from
/// memory — an operator asks most when the database is slow — except for the database's schema
/// version, read at most every ten seconds and never waited for longer than a second.
struct ServerStatusService: Admin_ServerService.SimpleServiceProtocol {
    let streams: OpenStreams
    let startedAt: Date
    /// The runtime database, with a short operation timeout.
    let database: Database
    let schema = SchemaVersionCopy()

    func getServerStatus(
        request: Admin_GetServerStatusRequest, context: ServerContext
    ) async throws -> Admin_ServerStatus {
        _ = try context.caller(requiring: .serverStatus)
        let open = streams.byMethod
        let schemaVersion = await schema.version(reading: database)
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

/// The database's schema version as last read: re-read when ten seconds old; when the read
/// fails, the last one read (0 before any).
final class SchemaVersionCopy: Sendable {
    private let state = Mutex<(version: Int, readAt: ContinuousClock.Instant)?>(nil)

    func version(reading database: Database) async -> Int {
        if let copy = state.withLock({ $0 }), copy.readAt.duration(to: .now) < .seconds(10) { return copy.version }
        guard let applied = try? await Migrator.appliedVersions(in: database) else { return state.withLock { $0?.version } ?? 0 }
        let version = applied.max() ?? 0
        state.withLock { $0 = (version, .now) }
        return version
    }
}
