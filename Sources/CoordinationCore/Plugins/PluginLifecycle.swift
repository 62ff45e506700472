import PluginAPI

/// The rules of installing, upgrading and uninstalling a plugin: which changes are allowed
/// from which state, and what each must run. The one place these decisions are made.
public enum PluginLifecycle {
    /// The state of `manifest` given its installation, if any.
    public static func state(of manifest: PluginManifest, _ installation: PluginInstallation?) -> PluginState {
        guard let installation else { return .available }
        guard installation.enabled else { return .disabled }
        return installation.version == manifest.version ? .installed : .upgradeAvailable
    }

    /// The plugin's own migrations not applied yet, in version order.
    public static func pendingMigrations(of manifest: PluginManifest, _ installation: PluginInstallation?) -> [PluginMigration] {
        let applied = installation?.appliedMigrations ?? []
        return manifest.migrations.filter { !applied.contains($0.version) }.sorted { $0.version < $1.version }
    }

    /// The `grpc.health.v1` service name the plugin reports under, e.g. `coordination.plugins.education`.
    public static func healthService(of pluginID: String) -> String { "coordination.plugins.\(pluginID)" }

    /// The plugin's own PostgreSQL schema, e.g. `plugin_civil_affairs`.
    public static func schema(of pluginID: String) -> String { "plugin_" + pluginID.replacingOccurrences(of: "-", with: "_") }

    /// The PostgreSQL role the plugin's migrations run as, e.g. `coord_plugin_civil_affairs`.
    public static func role(of pluginID: String) -> String { "coord_" + schema(of: pluginID) }

    /// Checks that `manifest` may be installed, the administrator having reviewed `reviewedVersion`.
    public static func checkInstall(
        _ manifest: PluginManifest, _ installation: PluginInstallation?, reviewedVersion: String
    ) throws(CoordinationError) {
        try checkReviewed(manifest, reviewedVersion)
        switch state(of: manifest, installation) {
        case .available:
            return
        case .disabled:
            try checkNotDowngrade(manifest, installation)
        case .installed, .upgradeAvailable:
            throw CoordinationError(
                code: .alreadyExists,
                message: manifest.version == installation?.version
                    ? "plugin '\(manifest.id)' is already installed at \(installation?.version ?? "")"
                    : "plugin '\(manifest.id)' is already installed at \(installation?.version ?? ""); upgrade it to \(manifest.version) instead")
        }
    }

    /// Checks that the installed `manifest` may be upgraded to the version built into the server.
    public static func checkUpgrade(
        _ manifest: PluginManifest, _ installation: PluginInstallation?, reviewedVersion: String
    ) throws(CoordinationError) {
        try checkReviewed(manifest, reviewedVersion)
        switch state(of: manifest, installation) {
        case .available:
            throw CoordinationError(code: .failedPrecondition, message: "plugin '\(manifest.id)' is not installed; install it first")
        case .disabled:
            throw CoordinationError(
                code: .failedPrecondition, message: "plugin '\(manifest.id)' is uninstalled; install it again to bring it to \(manifest.version)")
        case .installed:
            throw CoordinationError(
                code: .failedPrecondition, message: "plugin '\(manifest.id)' is already at \(manifest.version), the version built into this server")
        case .upgradeAvailable:
            try checkNotDowngrade(manifest, installation)
        }
    }

    /// Checks that the plugin may be uninstalled (and purged when `purge`, confirmed by its id).
    public static func checkUninstall(
        _ manifest: PluginManifest, _ installation: PluginInstallation?, purge: Bool, purgeConfirmation: String
    ) throws(CoordinationError) {
        if purge && purgeConfirmation != manifest.id {
            throw .invalidArgument(
                field: "purge_confirmation", "type the plugin id '\(manifest.id)' to confirm deleting its records and schema")
        }
        switch state(of: manifest, installation) {
        case .available:
            throw CoordinationError(code: .failedPrecondition, message: "plugin '\(manifest.id)' is not installed")
        case .disabled where !purge:
            throw CoordinationError(
                code: .failedPrecondition, message: "plugin '\(manifest.id)' is already uninstalled; its data is kept until purged")
        case .disabled, .installed, .upgradeAvailable:
            return
        }
    }

    private static func checkReviewed(_ manifest: PluginManifest, _ reviewedVersion: String) throws(CoordinationError) {
        guard !reviewedVersion.isEmpty else {
            throw .invalidArgument(field: "version", "state the version reviewed (the server has \(manifest.id) \(manifest.version))")
        }
        guard reviewedVersion == manifest.version else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "this server has \(manifest.id) \(manifest.version), not \(reviewedVersion); review \(manifest.version) first")
        }
    }

    private static func checkNotDowngrade(_ manifest: PluginManifest, _ installation: PluginInstallation?) throws(CoordinationError) {
        guard let installed = installation.flatMap({ PluginVersion($0.version) }), let built = PluginVersion(manifest.version),
              installed > built
        else { return }
        throw CoordinationError(
            code: .failedPrecondition,
            message: "plugin '\(manifest.id)' was installed at \(installed), newer than this server's \(built); downgrades are refused")
    }
}
