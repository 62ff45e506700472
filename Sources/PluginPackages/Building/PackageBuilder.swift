import Foundation

/// Builds a signed package from a plugin's folder (`coord plugin pack`): `plugin.json`, the
/// `.proto` files it names and the SQL files of its migrations.
///
/// The protos are compiled with `protoc --include_imports --descriptor_set_out` (protoc must be
/// on the `PATH`, or named by `protoc`); each migration file is split into statements. The
/// package is then read back as the server reads it, so that a package the server would refuse
/// is refused here, with the same reason.
public struct PackageBuilder: Sendable {
    /// The folder holding `plugin.json`.
    public var folder: URL
    /// The protoc executable: a path, or a name looked up on the `PATH`.
    public var protoc: String

    public init(folder: URL, protoc: String = "protoc") {
        self.folder = folder
        self.protoc = protoc
    }

    /// The package of the folder, signed with `key`.
    public func build(signedBy key: PackageSigningKey) throws(PackageError) -> PluginPackage {
        var manifest = try readManifest()
        let descriptorSet = try compileProtos(manifest)
        manifest.migrations = try manifest.migrations?.map { (migration) throws(PackageError) in
            try inline(migration)
        }
        let package = try PluginPackage(manifest: manifest, descriptorSet: descriptorSet, signedBy: key)
        _ = try PackagedPlugin(package: try PluginPackage(file: package.file))
        return package
    }

    private func readManifest() throws(PackageError) -> PackageManifest {
        let url = folder.appendingPathComponent("plugin.json")
        guard let data = try? Data(contentsOf: url) else {
            throw PackageError("\(url.path) cannot be read: a plugin folder holds plugin.json")
        }
        do {
            try PackageManifest.checkKeys(of: data)
            return try JSONDecoder().decode(PackageManifest.self, from: data)
        } catch let error as PackageError {
            throw PackageError("plugin.json: \(error.description)")
        } catch {
            throw PackageError("plugin.json: \(PluginPackage.describe(error))")
        }
    }

    private func inline(_ migration: PackageManifest.Migration) throws(PackageError) -> PackageManifest.Migration {
        var migration = migration
        if let file = migration.file {
            let url = folder.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw PackageError("migration \(migration.version): \(url.path) cannot be read as UTF-8 text")
            }
            migration.statements = SQLScript.statements(text)
            migration.file = nil
        }
        guard let statements = migration.statements, !statements.isEmpty else {
            throw PackageError("migration \(migration.version) (\(migration.name)) has no statements: name its SQL file in \"file\"")
        }
        return migration
    }

    /// The serialized descriptor set of the manifest's protos, with their imports.
    private func compileProtos(_ manifest: PackageManifest) throws(PackageError) -> Data {
        guard !manifest.protos.isEmpty else { throw PackageError("plugin.json: protos names no .proto file") }
        let root = folder.appendingPathComponent(manifest.protoRoot ?? "proto")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("coord-pack-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [protoc, "--include_imports", "--descriptor_set_out=\(output.path)", "-I", root.path] + manifest.protos
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PackageError("protoc could not be started (\(error)); install it (Debian: apt-get install protobuf-compiler)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let set = try? Data(contentsOf: output) else {
            if process.terminationStatus == 127 {
                throw PackageError("protoc was not found; install it (Debian: apt-get install protobuf-compiler)")
            }
            throw PackageError("protoc failed on \(manifest.protos.joined(separator: ", ")): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return set
    }
}
