import CoordinationTesting
import Foundation

/// Executables of this package, built beside the test bundle.
enum BuiltExecutable {
    /// The path of the executable product `name`.
    static func path(_ name: String) throws -> String {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable = directory.appendingPathComponent(name)
        if !FileManager.default.isExecutableFile(atPath: executable.path) {
            // The test bundle may be a folder (…/X.xctest/…) inside the build directory.
            executable = directory.deletingLastPathComponent().appendingPathComponent(name)
        }
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw TestFailure("\(name) is not built next to the tests (\(directory.path)); run 'swift build' first")
        }
        return executable.path
    }
}
