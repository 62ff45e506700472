import ArgumentParser
import CoordinationCore
import Foundation

/// The language `coord` speaks: `--lang` (zh-CN or en, before or after the command), else the
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else the profile's `lang`, else English.
/// Decided before the arguments are parsed, so that help is in it too.
enum CLILanguage {
    /// The language of this run.
    static let current: Language = (try? resolve(
        arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment,
        profile: (try? Profile.load())?.lang)) ?? .en

    /// The language `arguments`, `environment` and the profile's `lang` choose.
    static func resolve(arguments: [String], environment: [String: String], profile: String?) throws -> Language {
        if let option = try option(in: arguments) { return option }
        if let locale = Language.fromLocale(environment) { return locale }
        return profile.flatMap(Language.init(tag:)) ?? .en
    }

    /// `arguments` without `--lang X` / `--lang=X`, which every command takes.
    static func removingOption(from arguments: [String]) -> [String] {
        var kept: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { return kept + arguments[index...] }
            if argument == "--lang" {
                index += 2
                continue
            }
            if !argument.hasPrefix("--lang=") { kept.append(argument) }
            index += 1
        }
        return kept
    }

    /// The language `--lang` names; an error for a value that names none.
    static func option(in arguments: [String]) throws -> Language? {
        var value: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang" { value = index + 1 < arguments.count ? arguments[index + 1] : "" }
            if argument.hasPrefix("--lang=") { value = String(argument.dropFirst("--lang=".count)) }
        }
        guard let value else { return nil }
        guard let language = Language(tag: value) else {
            throw ValidationError("--lang must be zh-CN or en, got '\(value)'")
        }
        return language
    }
}

/// `text` in the language of this run.
func tr(_ text: Localized) -> String {
    CLILanguage.current == .zhCN ? text.resolved(in: ChineseMessages.catalog) : text.resolved(in: [:])
}

extension ArgumentHelp {
    /// Help in the language of this run.
    static func tr(_ text: Localized) -> ArgumentHelp {
        ArgumentHelp(coord.tr(text))
    }
}
