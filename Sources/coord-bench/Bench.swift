import ArgumentParser

/// Measures the server against its peers in one run, on one machine.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coord-bench",
        abstract: "Benchmark the server against bare gRPC echo and pgbench, each in its own process.",
        discussion: "Build with -c release for meaningful figures: swift build -c release && .build/release/coord-bench",
        subcommands: [BenchRun.self, EchoPeerCommand.self, VerifyCommand.self],
        defaultSubcommand: BenchRun.self)
}
