import Foundation
import PluginAPI

/// A department plugin read from a signed package: the server serves it like a plugin built
/// into it, its record types decoded from the package's descriptors and its rules evaluated
/// from the package's declarations.
///
/// Building one checks everything the package declares against its descriptors and this
/// server's vocabulary, so that a package that would fail at run time is refused at review:
/// every field of every record type has a sensitivity and no undeclared field is named; views
/// name known purposes, legal bases and sensitivities; rules name existing fields of the right
/// kinds; indicators and migrations are well formed.
public struct PackagedPlugin: DepartmentPlugin {
    public let manifest: PluginManifest
    /// The package the plugin was read from.
    public let package: PluginPackage

    /// Reads the plugin `package` declares; throws, naming the declaration, when it cannot be served.
    public init(package: PluginPackage) throws(PackageError) {
        let declared = package.manifest
        guard declared.format == 1 else {
            throw PackageError("the manifest format is \(declared.format); this server reads format 1")
        }
        let pool: DescriptorPool
        do {
            pool = try DescriptorPool(serializedDescriptorSet: package.descriptorSet)
        } catch {
            throw PackageError("the package's descriptor set: \(error)")
        }
        guard !declared.recordTypes.isEmpty else { throw PackageError("the package declares no record type") }
        var types: [RecordTypeDeclaration] = []
        var routingNotes: [String] = []
        for type in declared.recordTypes {
            let (declaration, notes) = try Self.recordType(type, pool: pool)
            types.append(declaration)
            routingNotes += notes
        }
        manifest = PluginManifest(
            id: declared.id, version: declared.version, departmentCode: declared.department,
            displayName: declared.displayName, recordTypes: types,
            referralDefaults: try Self.referralDefaults(declared.referralDefaults ?? []),
            routingRules: routingNotes + (declared.routingNotes ?? []),
            indicators: try (declared.indicators ?? []).map { (indicator) throws(PackageError) in try Self.indicator(indicator) },
            migrations: try (declared.migrations ?? []).map { (migration) throws(PackageError) in try Self.migration(migration) })
        self.package = package
    }

    /// Reads the package file `file` and the plugin it declares.
    public init(file: Data) throws(PackageError) {
        try self.init(package: try PluginPackage(file: file))
    }

    // MARK: Record types

    private static func recordType(
        _ type: PackageManifest.RecordType, pool: DescriptorPool
    ) throws(PackageError) -> (RecordTypeDeclaration, [String]) {
        let context = "record type \(type.message)"
        let schema: DescribedMessageType
        do {
            schema = try pool.messageType(named: type.message)
        } catch {
            throw PackageError("\(context): \(error)")
        }
        var fields: [FieldDeclaration] = []
        for field in type.fields {
            guard schema.fieldNames.contains(field.name) else {
                throw PackageError("\(context): field \(field.name) is not a field of the message")
            }
            guard !fields.contains(where: { $0.name == field.name }) else {
                throw PackageError("\(context): field \(field.name) is declared twice")
            }
            fields.append(FieldDeclaration(
                field.name, try parse(field.sensitivity, as: Sensitivity.self, "\(context): field \(field.name): sensitivity"),
                publisherOnly: field.publisherOnly ?? false))
        }
        if let missing = schema.fieldNames.first(where: { name in !fields.contains { $0.name == name } }) {
            throw PackageError("\(context): field \(missing) has no sensitivity; every field must declare one")
        }
        let views = try type.views.enumerated().map { (index, view) throws(PackageError) in
            try Self.view(view, "\(context): view \(index + 1)")
        }
        if let subject = type.subjectField, !schema.fieldNames.contains(subject) || schema.kind(at: subject) != FieldKind.string {
            throw PackageError("\(context): subjectField \(subject) must be a string field of the message")
        }
        if let risk = type.riskLevelField {
            switch schema.fieldNames.contains(risk) ? schema.kind(at: risk) : nil {
            case .int?, .uint?: break
            default: throw PackageError("\(context): riskLevelField \(risk) must be an integer field of the message")
            }
        }
        let rules = RecordRules(validation: type.rules ?? [], routing: type.routing ?? [])
        do {
            try rules.check(against: schema)
        } catch {
            throw PackageError("\(context): \(error)")
        }
        let limits = RecordLimits(fields: type.fields)
        let declaration = RecordTypeDeclaration(
            messageName: schema.messageName, description: type.description, fields: fields, views: views,
            subjectField: type.subjectField, riskLevelField: type.riskLevelField
        ) { bytes in
            let message = try schema.decode(bytes)
            return RecordReading(
                json: schema.json(message),
                violations: limits.violations(in: message) + rules.violations(in: message, schema: schema),
                actions: rules.actions(for: message, schema: schema))
        }
        let label = schema.messageName.split(separator: ".").last.map(String.init) ?? schema.messageName
        return (declaration, rules.routing.map { "\(label): \($0.summary)" })
    }

    private static func view(_ view: PackageManifest.View, _ context: String) throws(PackageError) -> ViewGrant {
        guard !view.viewers.isEmpty else { throw PackageError("\(context): viewers: names no department") }
        for viewer in view.viewers where viewer != "*" {
            let valid = viewer.count <= 64 && viewer.first?.isLetter == true
                && viewer.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
            guard valid else { throw PackageError("\(context): viewers: '\(viewer)' is not a department code") }
        }
        guard !view.purposes.isEmpty, !view.legalBases.isEmpty, !view.sensitivities.isEmpty else {
            throw PackageError("\(context): a view needs purposes, legalBases and sensitivities")
        }
        if let level = view.minimumRiskLevel, !(0...100).contains(level) {
            throw PackageError("\(context): minimumRiskLevel must be from 0 to 100")
        }
        return ViewGrant(
            viewers: view.viewers,
            purposes: Set(try view.purposes.map { (purpose) throws(PackageError) in try parse(purpose, as: Purpose.self, "\(context): purposes") }),
            legalBases: Set(try view.legalBases.map { (basis) throws(PackageError) in try parse(basis, as: LegalBasis.self, "\(context): legalBases") }),
            sensitivities: Set(try view.sensitivities.map { (value) throws(PackageError) in
                try parse(value, as: Sensitivity.self, "\(context): sensitivities")
            }),
            minimumRiskLevel: view.minimumRiskLevel)
    }

    // MARK: The rest of the manifest

    private static func referralDefaults(_ defaults: [PackageManifest.ReferralDefault]) throws(PackageError) -> [ReferralDefault] {
        try defaults.map { (entry) throws(PackageError) in
            ReferralDefault(toDepartment: entry.to, urgency: try parse(entry.urgency, as: ReferralUrgency.self, "referralDefaults: urgency"))
        }
    }

    private static func indicator(_ indicator: PackageManifest.Indicator) throws(PackageError) -> IndicatorDeclaration {
        let context = "indicator \(indicator.code)"
        let unit: IndicatorDeclaration.Unit
        switch indicator.unit {
        case "percent": unit = .percent
        case "count": unit = .count
        case let text where text.hasPrefix("per-"):
            guard let per = Int(text.dropFirst(4)), per > 0 else {
                throw PackageError("\(context): unit '\(text)' must be per-N with N a positive whole number")
            }
            unit = .ratio(per: per)
        default:
            throw PackageError("\(context): unit '\(indicator.unit)' must be percent, count or per-N")
        }
        guard !indicator.source.allSatisfy(\.isWhitespace) else {
            throw PackageError("\(context): source must cite the policy text the indicator comes from")
        }
        return IndicatorDeclaration(
            code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, numerator: indicator.numerator,
            denominator: indicator.denominator, unit: unit, atMost: indicator.atMost ?? false, level: indicator.level,
            period: indicator.period ?? "year", source: indicator.source,
            targets: indicator.targets.map { .init($0.threshold, by: $0.by) })
    }

    private static func migration(_ migration: PackageManifest.Migration) throws(PackageError) -> PluginMigration {
        guard let statements = migration.statements, !statements.isEmpty else {
            throw PackageError("migration \(migration.version) (\(migration.name)) carries no statements; build the package with coord plugin pack")
        }
        return PluginMigration(version: migration.version, name: migration.name, statements: statements)
    }

    /// `text` as a value of `Value`, or an error listing the values allowed.
    private static func parse<Value: RawRepresentable & CaseIterable>(
        _ text: String, as _: Value.Type, _ context: String
    ) throws(PackageError) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw PackageError("\(context): '\(text)' is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
