import ArgumentParser
import CoordinationCore

/// `coordination-server`: runs the multi-agency coordination server.
@main
struct CoordinationServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordination-server",
        abstract: "The multi-agency coordination server: gRPC over mutual TLS on PostgreSQL.",
        discussion: """
            'serve' runs against a PostgreSQL you configure; 'dev' runs the embedded default \
            (a private PostgreSQL cluster and a development CA under ./var). Configuration keys \
            are listed in ops/CONFIGURATION.md.
            """,
        version: ProductVersion.current,
        subcommands: [Serve.self, Dev.self],
        defaultSubcommand: Serve.self)
}
