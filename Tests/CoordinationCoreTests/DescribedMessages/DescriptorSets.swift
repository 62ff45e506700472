import Foundation
import PluginPackages
import Testing

/// Descriptor sets compiled by protoc at test time from this repository's protos.
enum DescriptorSets {
    static let protoc = "/usr/bin/protoc"

    /// The repository's root directory.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The pool of `files` (paths under proto/) and their imports.
    static func pool(_ files: [String]) throws -> DescriptorPool {
        try DescriptorPool(serializedDescriptorSet: compile(files, includePath: repositoryRoot.appendingPathComponent("proto").path))
    }

    /// The pool of the test messages in ``DescribedTestProto``.
    static func testPool() throws -> DescriptorPool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("described-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(DescribedTestProto.path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try DescribedTestProto.source.write(to: file, atomically: true, encoding: .utf8)
        return try DescriptorPool(serializedDescriptorSet: compile([DescribedTestProto.path], includePath: directory.path))
    }

    /// `protoc --include_imports --descriptor_set_out` of `files` under `includePath`.
    static func compile(_ files: [String], includePath: String) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: protoc) else {
            throw Failure("protoc is missing at \(protoc): install it (Debian: apt-get install -y protobuf-compiler)")
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("descriptors-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: protoc)
        process.arguments = ["--include_imports", "--descriptor_set_out=\(output.path)", "-I", includePath] + files
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure("protoc failed (\(process.terminationStatus)) on \(files): \(message)")
        }
        return try Data(contentsOf: output)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
