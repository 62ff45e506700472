import CoordinationAPI

/// How plugins read in the terminal.
enum PluginText {
    /// The state as a word: available, installed, upgrade-available, disabled.
    static func state(_ state: Plugins_PluginState) -> String {
        switch state {
        case .available: "available"
        case .installed: "installed"
        case .upgradeAvailable: "upgrade-available"
        case .disabled: "disabled"
        default: "unknown"
        }
    }

    /// Everything a plugin declares, to review before installing it.
    static func describe(_ description: Plugins_PluginDescription) -> String {
        let plugin = description.plugin
        var lines = [
            tr("\(plugin.id) \(plugin.version) — \(plugin.displayName), for department \(plugin.departmentCode)"),
            plugin.installedVersion.isEmpty
                ? tr("State: \(Output.word(state(plugin.state)))")
                : tr("State: \(Output.word(state(plugin.state))) (installed version \(plugin.installedVersion))"),
            tr("Health service: \(plugin.healthService)"),
        ]
        if plugin.packaged {
            lines.append(tr("Package from \(plugin.publisher), signed by key \(description.signer.fingerprint)"))
        }
        lines += ["", tr("Record types:")]
        for type in plugin.recordTypes {
            lines.append("  \(type.messageName) — \(type.description_p)")
            let fields = type.fields.map { "\($0.name) (\(Output.word($0.sensitivity))\($0.publisherOnly ? tr(", never shared") : ""))" }
            lines.append("    " + tr("fields: \(fields.joined(separator: ", "))"))
            if type.views.isEmpty { lines.append("    " + tr("other departments see nothing")) }
            for view in type.views {
                let seen = view.fields.isEmpty ? tr("no fields") : view.fields.joined(separator: ", ")
                lines.append("    " + tr(
                    "\(view.viewers.joined(separator: ", ")) may see \(seen) for \(view.purposes.joined(separator: "/")) on \(view.legalBases.joined(separator: "/"))")
                    + (view.minimumRiskLevel > 0 ? tr(", only of records at risk level \(view.minimumRiskLevel) or above") : ""))
            }
        }
        lines.append("")
        lines.append(description.routingRules.isEmpty ? tr("Routing rules: none") : tr("Routing rules:"))
        lines += description.routingRules.map { "  - \($0)" }
        lines.append(description.indicators.isEmpty ? tr("Indicators: none") : tr("Indicators:"))
        lines += description.indicators.map { "  - " + tr("\($0.code): \($0.name); \($0.unit); target \($0.targets)") }
        lines.append(description.migrations.isEmpty ? tr("Migrations: none") : tr("Migrations:"))
        lines += description.migrations.map { "  \($0.version). \($0.name)" + ($0.applied ? tr(" (applied)") : tr(" (will run)")) }
        return lines.joined(separator: "\n")
    }

    /// A package under review: what it declares, who signed it, whether that key is trusted
    /// here, and what installing it would do.
    static func describe(_ review: Plugins_PackageReview) -> String {
        let signer = review.signer
        var lines = [describe(review.description_p), ""]
        lines.append(tr("Signed by key \(signer.fingerprint)") + (signer.name.isEmpty ? "" : " (\(signer.name))"))
        lines.append(
            review.trusted
                ? tr("This deployment trusts the key (since \(Output.timestamp(signer.trustedAt.date)), by \(signer.trustedBy)).")
                : tr("This deployment does not trust the key: check it with the publisher, then coord plugin trust <key.pub>."))
        lines.append(tr("Content digest (SHA-256): \(review.digest)"))
        lines.append(tr("Verdict: \(review.verdict)"))
        return lines.joined(separator: "\n")
    }

    /// One line on what a change did.
    static func changed(_ verb: String, _ change: Plugins_PluginChange) -> String {
        let version = change.plugin.installedVersion.isEmpty ? change.plugin.version : change.plugin.installedVersion
        var parts = [tr("\(Output.word(verb)) \(change.plugin.id) \(version)")]
        if !change.migrationsApplied.isEmpty {
            parts.append(tr("migrations applied: \(change.migrationsApplied.map(String.init).joined(separator: ", "))"))
        }
        if !change.indicatorsDefined.isEmpty { parts.append(tr("indicators defined: \(change.indicatorsDefined.joined(separator: ", "))")) }
        if verb == "purged" { parts.append(tr("\(change.recordsPurged) records removed")) }
        return parts.joined(separator: tr("; "))
    }
}
