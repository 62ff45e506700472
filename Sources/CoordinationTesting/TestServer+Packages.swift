import CoordinationAPI
import PluginPackages

/// Plugin packages on a test server, as an administrator installs them.
extension TestServer {
    /// Trusts the key that signed `package` and installs the plugin it holds, at its version,
    /// as the administrator; the plugin serves on return.
    ///
    /// ```swift
    /// let key = PackageSigningKey(name: "test publisher")
    /// let package = try PackageBuilder(folder: URL(fileURLWithPath: "Plugins/Health")).build(signedBy: key)
    /// try await server.installPackage(package)
    /// ```
    @discardableResult
    public func installPackage(_ package: PluginPackage) async throws -> Plugins_PluginChange {
        try await plugins(try pki.admin) { client in
            _ = try await client.trustPublisher(.with { $0.publicKey = package.signer.text; $0.name = "test publisher" })
            return try await client.installPlugin(.with {
                $0.package = package.file
                $0.version = package.manifest.version
            })
        }
    }
}
