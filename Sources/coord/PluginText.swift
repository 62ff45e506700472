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
            "\(plugin.id) \(plugin.version) — \(plugin.displayName), for department \(plugin.departmentCode)",
            "State: \(state(plugin.state))" + (plugin.installedVersion.isEmpty ? "" : " (installed version \(plugin.installedVersion))"),
            "Health service: \(plugin.healthService)",
            "",
            "Record types:",
        ]
        for type in plugin.recordTypes {
            lines.append("  \(type.messageName) — \(type.description_p)")
            let fields = type.fields.map { "\($0.name) (\($0.sensitivity)\($0.publisherOnly ? ", never shared" : ""))" }
            lines.append("    fields: " + fields.joined(separator: ", "))
            if type.views.isEmpty { lines.append("    other departments see nothing") }
            for view in type.views {
                lines.append(
                    "    \(view.viewers.joined(separator: ", ")) may see \(view.fields.isEmpty ? "no fields" : view.fields.joined(separator: ", "))"
                        + " for \(view.purposes.joined(separator: "/")) on \(view.legalBases.joined(separator: "/"))")
            }
        }
        lines.append("")
        lines.append("Routing rules:" + (description.routingRules.isEmpty ? " none" : ""))
        lines += description.routingRules.map { "  - \($0)" }
        lines.append("Indicators:" + (description.indicators.isEmpty ? " none" : ""))
        lines += description.indicators.map { "  - \($0.code): \($0.name); \($0.unit); target \($0.targets)" }
        lines.append("Migrations:" + (description.migrations.isEmpty ? " none" : ""))
        lines += description.migrations.map { "  \($0.version). \($0.name)\($0.applied ? " (applied)" : " (will run)")" }
        return lines.joined(separator: "\n")
    }

    /// One line on what a change did.
    static func changed(_ verb: String, _ change: Plugins_PluginChange) -> String {
        var parts = ["\(verb) \(change.plugin.id) \(change.plugin.installedVersion.isEmpty ? change.plugin.version : change.plugin.installedVersion)"]
        if !change.migrationsApplied.isEmpty {
            parts.append("migrations applied: " + change.migrationsApplied.map(String.init).joined(separator: ", "))
        }
        if !change.indicatorsDefined.isEmpty { parts.append("indicators defined: " + change.indicatorsDefined.joined(separator: ", ")) }
        if verb == "purged" { parts.append("\(change.recordsPurged) records removed") }
        return parts.joined(separator: "; ")
    }
}
