import ArgumentParser

/// `-q`, for every command that creates something: only the new id, for scripts
/// (`M=$(coord meeting create … -q)`), instead of the sentence for people.
struct CreatedOutput: ParsableArguments {
    @Flag(name: .shortAndLong, help: .tr("Print only the new id.")) var quiet = false

    /// Prints `id` alone with `-q`, otherwise `sentence`.
    func report(id: String, _ sentence: @autoclosure () -> String) {
        print(quiet ? id : sentence())
    }
}
