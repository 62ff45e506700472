import ArgumentParser
import Foundation
import CoordinationCore

/// `coord`: the command line of coordinators and administrators.
@main
struct Coord: AsyncParsableCommand {
    /// Runs the command in the language of the run (``CLILanguage``), after naming a mistyped
    /// subcommand (exit 64) rather than printing usage.
    static func main() async {
        let given = Array(CommandLine.arguments.dropFirst())
        do {
            _ = try CLILanguage.option(in: given)
        } catch {
            finish(with: error)
        }
        let arguments = CLILanguage.removingOption(from: given)
        if let problem = CommandSuggestion.problem(in: arguments, root: Coord.self) {
            FileHandle.standardError.write(Data((CLIMessages.errorPrefix + problem + "\n").utf8))
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            finish(with: error)
        }
    }

    /// Prints `error` as ArgumentParser would (help and version on standard output, failures
    /// on standard error), in the language of the run, and exits with its code.
    private static func finish(with error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = CLIMessages.localized(fullMessage(for: error))
        if !message.isEmpty {
            let handle = code == .success ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data((message + "\n").utf8))
        }
        Foundation.exit(code.rawValue)
    }

    static let configuration = CommandConfiguration(
        commandName: "coord",
        abstract: tr("Coordinate departments from the terminal: directory, certificates, plugins, health."),
        discussion: tr("Commands that talk to a server connect over mutual TLS. Name the server with --server (or COORD_SERVER) and your certificate with --cert/--key/--ca (or COORD_CERT, COORD_KEY, COORD_CA), or pick a development identity with --identity or COORD_IDENTITY (e.g. admin, coordinator, system-education) from --pki-dir or COORD_PKI_DIR (default: the nearest var/pki). A profile, ~/.config/coord/config.json (or COORD_CONFIG), may hold defaults: {\"server\": \"…\", \"identity\": \"…\", \"pki-dir\": \"…\", \"tz\": \"Asia/Shanghai\", \"lang\": \"zh-CN\"}. Times are shown and read in --tz (default TZ, else Asia/Shanghai). Every command speaks --lang zh-CN or en (default: LC_ALL, LC_MESSAGES or LANG, else the profile's lang, else en)."),
        version: ProductVersion.current,
        subcommands: [
            WhoAmI.self, DepartmentCommand.self, JurisdictionCommand.self, PluginCommand.self,
            HealthCommand.self, PKICommand.self, MigrateCommand.self, BackupCommand.self, RestoreCommand.self, AuditCommand.self, RecordCommand.self, AnalysisCommand.self,
            NoticeCommand.self, ReportCommand.self, TaskCommand.self, PlanCommand.self, MeetingCommand.self,
            IndicatorCommand.self, EvaluationCommand.self, ReferralCommand.self, AlertCommand.self, ServerCommand.self,
        ])
}
