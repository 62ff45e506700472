import BuiltInPlugins
import CoordinationCore
import CoordinationTesting
import Foundation
import PluginPackages
import Testing

/// Where the unions plugin comes from in a test: built into the server, or installed from its
/// package (`Tests/Fixtures/unions-package`), which re-expresses the compiled-in plugin — the
/// same record types, views, rules, indicator and migration — so that one test passes on both.
enum UnionsSource: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case builtIn = "built in"
    case package = "package"

    var testDescription: String { rawValue }

    /// The unions package folder.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/unions-package")

    /// Runs `body` on a server with the seed directory and every plugin installed, the unions
    /// plugin from this source.
    func withServer(_ body: @Sendable (TestServer) async throws -> Void) async throws {
        switch self {
        case .builtIn:
            try await TestServer.with { server in
                try await server.seedDirectory()
                try await body(server)
            }
        case .package:
            let package = try PackageBuilder(folder: Self.folder).build(signedBy: PackageSigningKey(name: "unions publisher"))
            let catalog = try PluginRegistry(try BuiltInPlugins.catalog().plugins.filter { $0.manifest.id != "unions" })
            try await TestServer.with(catalog: catalog) { server in
                try await server.seedDirectory()
                try await server.installPackage(package)
                try await body(server)
            }
        }
    }
}
