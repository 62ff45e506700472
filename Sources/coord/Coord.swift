import ArgumentParser
import Foundation
import CoordinationCore

/// `coord`: the command line of coordinators and administrators.
@main
struct Coord: AsyncParsableCommand {
    /// Runs the command, after naming a mistyped subcommand (exit 64) rather than printing usage.
    static func main() async {
        if let problem = CommandSuggestion.problem(in: Array(CommandLine.arguments.dropFirst()), root: Coord.self) {
            FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
            Foundation.exit(64)
        }
        await main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "coord",
        abstract: "Coordinate departments from the terminal: directory, certificates, plugins, health.",
        discussion: """
            Commands that talk to a server connect over mutual TLS. Name the server with \
            --server (or COORD_SERVER) and your certificate with --cert/--key/--ca (or \
            COORD_CERT, COORD_KEY, COORD_CA), or pick a development identity with --identity or \
            COORD_IDENTITY (e.g. admin, coordinator, system-education) from --pki-dir or \
            COORD_PKI_DIR (default: the nearest var/pki). A profile, ~/.config/coord/config.json \
            (or COORD_CONFIG), may hold defaults: {"server": "…", "identity": "…", "pki-dir": "…", \
            "tz": "Asia/Shanghai"}. Times are shown and read in --tz (default TZ, else Asia/Shanghai).
            """,
        version: ProductVersion.current,
        subcommands: [
            WhoAmI.self, DepartmentCommand.self, JurisdictionCommand.self, PluginCommand.self,
            HealthCommand.self, PKICommand.self, MigrateCommand.self, BackupCommand.self, RestoreCommand.self, AuditCommand.self, RecordCommand.self, AnalysisCommand.self,
            NoticeCommand.self, ReportCommand.self, TaskCommand.self, PlanCommand.self, MeetingCommand.self,
            IndicatorCommand.self, EvaluationCommand.self, ReferralCommand.self, AlertCommand.self, ServerCommand.self,
        ])
}
