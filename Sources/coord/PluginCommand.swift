import ArgumentParser
import CoordinationAPI

struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Department plugins.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the plugins the server runs.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            let id: String, version: String, department: String, name: String, recordTypes: [String]
        }

        func run() async throws {
            let plugins = try await connection.withClient { client in
                try await Plugins_PluginService.Client(wrapping: client).listPlugins(.init()).plugins
            }
            let rows = plugins.map {
                Row(id: $0.id, version: $0.version, department: $0.departmentCode, name: $0.displayName,
                    recordTypes: $0.recordTypes.map(\.messageName))
            }
            if json { return try Output.json(rows) }
            Output.table(["ID", "VERSION", "DEPARTMENT", "NAME", "RECORD TYPES"],
                         rows.map { [$0.id, $0.version, $0.department, $0.name, "\($0.recordTypes.count)"] })
        }
    }
}
