import ArgumentParser
import CoordinationAPI
import Foundation
import GRPCNIOTransportHTTP2
import PluginPackages

/// `coord plugin`: the department plugins built into the server and those installed from
/// signed packages — list and review them, and (administrators) install, upgrade and uninstall
/// them; publishers make and sign packages, administrators trust their keys.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: tr("Department plugins: list, show, install, upgrade, uninstall; packages: keygen, pack, trust, publishers, distrust."),
        subcommands: [
            List.self, Show.self, Install.self, Upgrade.self, Uninstall.self, Keygen.self, Pack.self, Trust.self,
            Publishers.self, Distrust.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the plugins built into the server and their state."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Row: Encodable {
            let id: String, version: String, state: String, installedVersion: String?, department: String, name: String
            let recordTypes: [String], healthService: String, publisher: String?
        }

        func run() async throws {
            let plugins = try await connection.with(Plugins_PluginService.self) { service in
                try await service.listPlugins(.init()).plugins
            }
            let rows = plugins.map {
                Row(id: $0.id, version: $0.version, state: PluginText.state($0.state),
                    installedVersion: $0.installedVersion.isEmpty ? nil : $0.installedVersion, department: $0.departmentCode,
                    name: $0.displayName, recordTypes: $0.recordTypes.map(\.messageName), healthService: $0.healthService,
                    publisher: $0.packaged ? $0.publisher : nil)
            }
            if json { return try Output.json(rows) }
            Output.table(["ID", "VERSION", "STATE", "INSTALLED", "DEPARTMENT", "NAME", "RECORD TYPES", "SOURCE"],
                         rows.map { [$0.id, $0.version, $0.state, $0.installedVersion ?? "-", $0.department, $0.name, "\($0.recordTypes.count)",
                                     $0.publisher.map { tr("package: \($0)") } ?? tr("built in")] })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Everything a plugin declares: record types, what other departments may see and why, routing rules, indicators, migrations."))
        @Argument(help: .tr("The plugin id, e.g. education, or a package file (.coordpkg) to review before installing it.")) var id: String
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            if let file = try PluginCommand.packageFile(id) {
                let review = try await connection.with(Plugins_PluginService.self) { service in
                    try await service.reviewPackage(.with { $0.package = file })
                }
                if json { return print(try Output.protoJSON(review)) }
                return print(PluginText.describe(review))
            }
            let description = try await connection.with(Plugins_PluginService.self) { service in
                try await service.describePlugin(.with { $0.pluginID = id })
            }
            if json { return print(try Output.protoJSON(description)) }
            print(PluginText.describe(description))
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Install a plugin (administrators): shows what it declares, asks, then runs its migrations and enables it."))
        @Argument(help: .tr("The plugin id, e.g. education, or a package file (.coordpkg).")) var id: String
        @Flag(help: .tr("Do not ask for confirmation (scripts).")) var yes = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let file = try PluginCommand.packageFile(id)
            let change = try await PluginCommand.review(id, package: file, yes: yes, connection: connection) { plugin in
                tr("Install \(plugin.id) \(plugin.version)?")
            } change: { [id] service, version in
                try await service.installPlugin(.with {
                    if let file { $0.package = file } else { $0.pluginID = id }
                    $0.version = version
                })
            }
            print(PluginText.changed("installed", change))
        }
    }

    struct Upgrade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Upgrade an installed plugin to the version built into the server or of a package (administrators); runs only its new migrations."))
        @Argument(help: .tr("The plugin id, e.g. education, or the package file (.coordpkg) of a newer version.")) var id: String
        @Flag(help: .tr("Do not ask for confirmation (scripts).")) var yes = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let file = try PluginCommand.packageFile(id)
            let change = try await PluginCommand.review(id, package: file, yes: yes, connection: connection) { plugin in
                tr("Upgrade \(plugin.id) from \(plugin.installedVersion) to \(plugin.version)?")
            } change: { [id] service, version in
                try await service.upgradePlugin(.with {
                    if let file { $0.package = file } else { $0.pluginID = id }
                    $0.version = version
                })
            }
            print(PluginText.changed("upgraded", change))
        }
    }

    /// Shows what plugin `id` (or the package file `package`) declares, asks `question`
    /// (unless `yes`), then makes `change` with the version reviewed. A package the server
    /// would refuse stops here, with the reason, before anything is asked.
    static func review(
        _ id: String, package: Data?, yes: Bool, connection: ConnectionOptions,
        question: @escaping @Sendable (Plugins_Plugin) -> String,
        change: @escaping @Sendable (Plugins_PluginService.Client<HTTP2ClientTransport.Posix>, String) async throws
            -> Plugins_PluginChange
    ) async throws -> Plugins_PluginChange {
        try await connection.with(Plugins_PluginService.self) { service in
            let description: Plugins_PluginDescription
            if let package {
                let review = try await service.reviewPackage(.with { $0.package = package })
                print(PluginText.describe(review) + "\n")
                guard review.trusted else {
                    throw ValidationError(tr("the package's signer is not trusted here; nothing changed"))
                }
                description = review.description_p
            } else {
                description = try await service.describePlugin(.with { $0.pluginID = id })
                print(PluginText.describe(description) + "\n")
            }
            try Confirmation.require(question(description.plugin), assumeYes: yes)
            return try await change(service, description.plugin.version)
        }
    }

    /// The bytes of the package file `argument` names, or `nil` when it names a plugin id (no
    /// such file, no path separator and no `.coordpkg` ending).
    static func packageFile(_ argument: String) throws -> Data? {
        let looksLikeFile = argument.contains("/") || argument.hasSuffix(".\(PluginPackage.fileExtension)")
        guard looksLikeFile || FileManager.default.fileExists(atPath: argument) else { return nil }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw ValidationError(tr("cannot read the package file \(argument)"))
        }
        return data
    }

    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Uninstall a plugin (administrators): disables it and keeps its data; --purge deletes its records and schema."))
        @Argument(help: .tr("The plugin id, e.g. education.")) var id: String
        @Flag(help: .tr("Also delete the plugin's records and schema (asks a second time). Cannot be undone.")) var purge = false
        @Flag(help: .tr("Do not ask the first confirmation (scripts).")) var yes = false
        @Option(help: .tr("The plugin id typed again: answers the second confirmation of --purge (scripts)."))
        var confirmPurge: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try Confirmation.require(
                purge ? "Uninstall \(id) and delete its records and schema?" : "Uninstall \(id)? Its data is kept.", assumeYes: yes)
            let confirmation = purge
                ? try Confirmation.requireTyping(
                    id, prompt: "This cannot be undone. Type the plugin id (\(id)) to delete its data:", typed: confirmPurge)
                : ""
            let change = try await connection.with(Plugins_PluginService.self) { service in
                try await service.uninstallPlugin(.with {
                    $0.pluginID = id
                    $0.purge = purge
                    $0.purgeConfirmation = confirmation
                })
            }
            print(PluginText.changed(purge ? "purged" : "uninstalled", change))
        }
    }
}
