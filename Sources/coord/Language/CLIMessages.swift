import Foundation

/// What ArgumentParser writes (errors, usage, help headings), in the language of the run.
enum CLIMessages {
    /// The start of every error line.
    static var errorPrefix: String { CLILanguage.current == .zhCN ? "错误：" : "Error: " }

    /// `message` (from `fullMessage(for:)`) with ArgumentParser's own words translated.
    static func localized(_ message: String) -> String {
        guard CLILanguage.current == .zhCN else { return message }
        var text = message
        for (pattern, template) in patterns {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text
    }

    /// ArgumentParser's phrases and their Chinese, as regular expressions and templates.
    private static let patterns: [(String, String)] = [
        ("^Error: ", "错误："),
        ("(?m)^Help:  ", "说明："),
        ("(?m)^Usage: ", "用法："),
        ("(?m)^OVERVIEW: ", "概述："),
        ("(?m)^USAGE: ", "用法："),
        ("(?m)^ARGUMENTS:$", "参数："),
        ("(?m)^OPTIONS:$", "选项："),
        ("(?m)^SUBCOMMANDS:$", "子命令："),
        ("(?m)^  See '([^']*)' for more information\\.$", "  详见 '$1'。"),
        ("(?m)^  See '([^']*) <subcommand>' for detailed help\\.$", "  用 '$1 <子命令>' 查看各子命令的详细说明。"),
        ("Show help information\\.", "显示帮助信息。"),
        ("Show the version\\.", "显示版本号。"),
        ("\\(default: ([^)]*)\\)", "（默认：$1）"),
        ("Missing required subcommand\\.", "缺少子命令。"),
        ("Unknown option '([^']*)'\\. Did you mean '([^']*)'\\?", "未知选项 '$1'，是否想用 '$2'？"),
        ("Unknown option '([^']*)'", "未知选项 '$1'"),
        ("Missing value for '([^']*)'", "选项 '$1' 缺少取值"),
        ("Unexpected argument '([^']*)'", "多余的参数 '$1'"),
        ("Missing expected argument '([^']*)'", "缺少参数 '$1'"),
        ("Missing one of: '([^']*)'", "缺少以下之一：'$1'"),
        ("The value '([^']*)' is invalid for '([^']*)'", "'$2' 的取值 '$1' 无效"),
    ]
}
