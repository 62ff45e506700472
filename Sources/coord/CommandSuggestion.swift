import ArgumentParser

/// A mistyped subcommand named as such, with the nearest ones offered
/// (`coord meting list` → "unknown command 'meting'; did you mean 'meeting'?").
enum CommandSuggestion {
    /// A message for the first word of `arguments` that names no subcommand where one is
    /// expected under `root`; `nil` if every subcommand word is known.
    static func problem(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty, command.configuration.defaultSubcommand == nil else { return nil }
            if word == "help" { return nil }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { $0._commandName }
            let near = names.filter { distance($0, word) <= max(1, word.count / 3) || $0.hasPrefix(word) }
            let command = path.joined(separator: " ")
            let problem = near.isEmpty
                ? tr("unknown command '\(word)' for '\(command)'")
                : tr("unknown command '\(word)' for '\(command)'; did you mean \(near.map { "'\($0)'" }.joined(separator: tr(" or ")))?")
            return problem + "\n  " + tr("'\(command) --help' lists: \(names.joined(separator: ", "))")
        }
        return nil
    }

    /// The edit distance between `a` and `b` (insertions, deletions, substitutions).
    static func distance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1]
            for j in b.indices {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
