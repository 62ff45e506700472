import Foundation
import Testing

/// What `coord` says when a command is mistyped.
@Suite("CLI messages")
struct CLIMessagesTests {
    @Test("a mistyped subcommand is named, with the nearest one offered and the list of those there are")
    func mistyped() async throws {
        let top = try await CoordCLI.run(["meting", "list"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("unknown command 'meting' for 'coord'; did you mean 'meeting'?"), "\(top.stderr)")
        let nested = try await CoordCLI.run(["meeting", "lst"])
        #expect(nested.stderr.contains("unknown command 'lst' for 'coord meeting'; did you mean 'list'?"), "\(nested.stderr)")
        #expect(nested.stderr.contains("create, list, show"), "\(nested.stderr)")
        let far = try await CoordCLI.run(["xyzzy"])
        #expect(far.stderr.contains("unknown command 'xyzzy' for 'coord'") && !far.stderr.contains("did you mean"), "\(far.stderr)")
        // Known commands, options and help pass through.
        #expect(try await CoordCLI.run(["help", "meeting"]).stdout.contains("OVERVIEW"))
        #expect(try await CoordCLI.run(["meeting", "list", "--help"]).stdout.contains("OVERVIEW"))
    }
}
