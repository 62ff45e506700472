import ArgumentParser
import CoordinationAPI
import CoordinationPKI
import Foundation
import PluginPackages

extension PluginCommand {
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Make a publisher's signing key (publishers): the private key file and its .pub line for administrators."))
        @Option(help: .tr("Who holds the key, e.g. the department's IT office.")) var name: String
        @Option(help: .tr("The private key file to write (its public key goes to the same path with .pub).")) var out: String

        func run() throws {
            let key = PackageSigningKey(name: name)
            let publicPath = out + ".pub"
            for path in [out, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw ValidationError(tr("\(path) exists; choose another --out"))
            }
            try SecureFile.write(key.text, to: out)
            try SecureFile.writePublic(key.publisherKey.text + "\n", to: publicPath)
            print(tr("Wrote the signing key to \(out) (keep it secret) and its public key to \(publicPath)."))
            print(tr("Fingerprint: \(key.publisherKey.fingerprint)"))
            print(tr("Give \(publicPath) to each deployment's administrator: coord plugin trust \(publicPath)"))
        }
    }

    struct Pack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Build and sign a package from a plugin folder (publishers): plugin.json, its protos (compiled with protoc) and migrations."))
        @Argument(help: .tr("The plugin folder, holding plugin.json.")) var folder: String
        @Option(help: .tr("The signing key file of coord plugin keygen.")) var key: String
        @Option(help: .tr("The package file to write (default: <id>-<version>.coordpkg in the current folder).")) var out: String?
        @Option(help: .tr("The protoc executable.")) var protoc = "protoc"

        func run() throws {
            guard let keyText = try? String(contentsOfFile: key, encoding: .utf8) else {
                throw ValidationError(tr("cannot read the signing key \(key)"))
            }
            let package: PluginPackage
            do {
                let signingKey = try PackageSigningKey(text: keyText)
                package = try PackageBuilder(folder: URL(fileURLWithPath: folder), protoc: protoc).build(signedBy: signingKey)
            } catch {
                throw ValidationError(tr("the package cannot be built: \(error)"))
            }
            let manifest = package.manifest
            let path = out ?? "\(manifest.id)-\(manifest.version).\(PluginPackage.fileExtension)"
            guard FileManager.default.createFile(atPath: path, contents: package.file) else {
                throw ValidationError(tr("cannot write \(path)"))
            }
            print(tr("Wrote \(path): \(manifest.id) \(manifest.version), \(manifest.recordTypes.count) record types, signed by \(package.signer.fingerprint)."))
            print(tr("Content digest (SHA-256): \(package.digest)"))
        }
    }

    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Trust a publisher's key (administrators): packages it signs may then be installed. Check the key with its publisher first."))
        @Argument(help: .tr("The publisher's .pub file, from coord plugin keygen.")) var publicKey: String
        @Option(help: .tr("Who holds the key (default: the name in the file).")) var name: String?
        @Flag(help: .tr("Do not ask for confirmation (scripts).")) var yes = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let line = try? String(contentsOfFile: publicKey, encoding: .utf8) else {
                throw ValidationError(tr("cannot read the public key \(publicKey)"))
            }
            let key: PublisherKey
            do {
                key = try PublisherKey(text: line)
            } catch {
                throw ValidationError(tr("\(publicKey): \(error)"))
            }
            try Confirmation.require(
                tr("Trust key \(key.fingerprint) (\(name ?? key.name)) to sign plugin packages for this deployment?"), assumeYes: yes)
            let publisher = try await connection.with(Plugins_PluginService.self) { service in
                try await service.trustPublisher(.with {
                    $0.publicKey = key.text
                    $0.name = name ?? ""
                })
            }
            print(tr("Trusted \(publisher.fingerprint) (\(publisher.name))."))
        }
    }

    struct Publishers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("The publisher keys this deployment trusts."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let response = try await connection.with(Plugins_PluginService.self) { service in
                try await service.listPublishers(.init())
            }
            if json { return print(try Output.protoJSON(response)) }
            if response.publishers.isEmpty { return print(tr("No publisher key is trusted; packages cannot be installed.")) }
            Output.table(
                ["FINGERPRINT", "NAME", "TRUSTED", "BY"],
                response.publishers.map { [$0.fingerprint, $0.name, Output.timestamp($0.trustedAt.date), $0.trustedBy] })
        }
    }

    struct Distrust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Stop trusting a publisher's key (administrators): its packages can no longer be installed or upgraded."))
        @Argument(help: .tr("The key's fingerprint, or its first characters.")) var fingerprint: String
        @Flag(help: .tr("Do not ask for confirmation (scripts).")) var yes = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try Confirmation.require(tr("Stop trusting key \(fingerprint)?"), assumeYes: yes)
            let publisher = try await connection.with(Plugins_PluginService.self) { service in
                try await service.distrustPublisher(.with { $0.fingerprint = fingerprint })
            }
            print(tr("No longer trusts \(publisher.fingerprint) (\(publisher.name)); plugins installed from its packages keep working until uninstalled."))
        }
    }
}
