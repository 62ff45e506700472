import ArgumentParser
import CoordinationAPI
import Foundation

/// `coord server`: the state of the server instance the call reaches.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: tr("The server instance's own state (administrators)."),
        subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("The instance's version and schema version, open streams by RPC, and when it started."))

        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let status = try await connection.with(Admin_ServerService.self) { service in
                try await service.getServerStatus(.init())
            }
            if json {
                print(try Output.protoJSON(status))
                return
            }
            print(tr("version \(status.version), schema \(status.schemaVersion) (this binary: \(status.expectedSchemaVersion))"))
            print(tr("started \(Output.timestamp(status.startedAt.date)); \(status.openStreamsTotal) open streams"))
            let rows = status.openStreams.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
            if !rows.isEmpty { Output.table(["RPC", "OPEN STREAMS"], rows) }
        }
    }
}
