import Testing

/// `coord` completes its commands in bash, zsh and fish.
@Suite("Shell completion")
struct CompletionTests {
    @Test("completion scripts name the coordinators' commands", arguments: ["bash", "zsh", "fish"])
    func script(shell: String) async throws {
        let run = try await CoordCLI.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for command in ["meeting", "task", "plan", "indicator", "evaluation", "notice", "report"] {
            #expect(run.stdout.contains(command), "the \(shell) script lacks '\(command)'")
        }
    }
}
