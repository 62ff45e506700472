import CoordinationAPI
import CoordinationCore
import PluginAPI
import PluginPackages
import SwiftProtobuf

extension Plugins_Plugin {
    /// `plugin`, built in or from a package, and where it stands.
    init(_ plugin: any DepartmentPlugin, _ installation: PluginInstallation?) {
        self.init(plugin.manifest, installation)
        if let packaged = plugin as? PackagedPlugin {
            self.packaged = true
            publisher = packaged.package.manifest.publisher
        }
    }

    init(_ manifest: PluginManifest, _ installation: PluginInstallation?) {
        self.init()
        id = manifest.id
        version = manifest.version
        departmentCode = manifest.departmentCode
        displayName = manifest.displayName
        recordTypes = manifest.recordTypes.map(Plugins_RecordTypeDescriptor.init)
        state = switch PluginLifecycle.state(of: manifest, installation) {
        case .available: .available
        case .installed: .installed
        case .upgradeAvailable: .upgradeAvailable
        case .disabled: .disabled
        }
        if let installation {
            installedVersion = installation.version
            changedAt = Google_Protobuf_Timestamp(date: installation.changedAt)
            changedBy = installation.changedBy
        }
        healthService = PluginLifecycle.healthService(of: manifest.id)
    }
}

extension Plugins_RecordTypeDescriptor {
    init(_ type: RecordTypeDeclaration) {
        self.init()
        messageName = type.messageName
        description_p = type.description
        fields = type.fields.map { field in
            .with {
                $0.name = field.name
                $0.sensitivity = field.sensitivity.rawValue
                $0.publisherOnly = field.publisherOnly
            }
        }
        views = type.views.map { grant in
            .with {
                $0.viewers = grant.viewers
                $0.purposes = grant.purposes.map(\.rawValue).sorted()
                $0.legalBases = grant.legalBases.map(\.rawValue).sorted()
                $0.fields = Disclosure.disclosed(by: grant.sensitivities, of: type)
                $0.minimumRiskLevel = Int32(grant.minimumRiskLevel ?? 0)
            }
        }
    }
}

extension Plugins_PluginDescription {
    /// What `plugin` declares; for a packaged one also its descriptors and its signer, with
    /// the trust `publishers` give the signer.
    init(_ plugin: any DepartmentPlugin, _ installation: PluginInstallation?, publishers: [TrustedPublisher]) {
        self.init(plugin.manifest, installation)
        self.plugin = Plugins_Plugin(plugin, installation)
        if let packaged = plugin as? PackagedPlugin {
            descriptorSet = packaged.package.descriptorSet
            signer = Plugins_Publisher(
                packaged.package.signer, trusted: publishers.first { $0.publicKey == packaged.package.signer.rawRepresentation })
        }
    }

    init(_ manifest: PluginManifest, _ installation: PluginInstallation?) {
        self.init()
        plugin = Plugins_Plugin(manifest, installation)
        routingRules = manifest.routingRules
        indicators = manifest.indicators.map { indicator in
            .with {
                $0.code = indicator.code
                $0.name = "\(indicator.nameEn) (\(indicator.nameZh))"
                $0.unit = switch indicator.unit {
                case .percent: "percent"
                case .ratio(let per): "ratio per \(per)"
                case .count: "count"
                }
                let symbol = indicator.atMost ? "≤" : "≥"
                let suffix = indicator.unit == .percent ? "%" : ""
                $0.targets = indicator.targets.map { "\(symbol)\(Self.number($0.threshold))\(suffix) by \($0.deadline)" }
                    .joined(separator: ", ")
            }
        }
        let applied = installation?.appliedMigrations ?? []
        migrations = manifest.migrations.sorted { $0.version < $1.version }.map { migration in
            .with {
                $0.version = Int32(migration.version)
                $0.name = migration.name
                $0.applied = applied.contains(migration.version)
            }
        }
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int64(value)) : String(value)
    }
}

extension Plugins_Publisher {
    /// A trusted key.
    init(_ trusted: TrustedPublisher) {
        self.init()
        fingerprint = trusted.fingerprint
        name = trusted.name
        if let key = try? PublisherKey(rawRepresentation: trusted.publicKey, name: trusted.name) { publicKey = key.text }
        trustedAt = Google_Protobuf_Timestamp(date: trusted.trustedAt)
        trustedBy = trusted.trustedBy
    }

    /// The key that signed a package, with its trust on this deployment if it is trusted.
    init(_ key: PublisherKey, trusted: TrustedPublisher?) {
        if let trusted {
            self.init(trusted)
        } else {
            self.init()
            fingerprint = key.fingerprint
            name = key.name
        }
        publicKey = key.text
    }
}
