import ArgumentParser
import Foundation

/// Asks a person at the terminal to confirm a change before it is made.
enum Confirmation {
    /// Asks `question` (y/N) unless `assumeYes`; a refusal, or no terminal to ask, stops the
    /// command with nothing changed.
    static func require(_ question: String, assumeYes: Bool) throws {
        if assumeYes { return }
        ask("\(question) [y/N] ")
        guard let answer = readLine() else {
            throw ValidationError(tr("no one answered the confirmation; pass --yes to confirm in a script"))
        }
        guard ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            print(tr("Cancelled; nothing changed."))
            throw ExitCode(1)
        }
    }

    /// Asks the person to type `expected` (e.g. a plugin id) unless `typed` already equals it.
    static func requireTyping(_ expected: String, prompt: String, typed: String?) throws -> String {
        if let typed {
            guard typed == expected else { throw ValidationError(tr("the confirmation '\(typed)' does not match '\(expected)'")) }
            return typed
        }
        ask(prompt + " ")
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces) else {
            throw ValidationError(tr("no one typed the confirmation; pass --confirm-purge \(expected) in a script"))
        }
        guard answer == expected else {
            print(tr("'\(answer)' is not '\(expected)'. Cancelled; nothing changed."))
            throw ExitCode(1)
        }
        return answer
    }

    /// Writes `prompt` at once, without a newline.
    private static func ask(_ prompt: String) {
        FileHandle.standardOutput.write(Data(prompt.utf8))
    }
}
