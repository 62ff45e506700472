import CoordinationAPI
import Foundation
import PluginPackages
import SwiftProtobuf

/// The health plugin package as its publisher builds it (`coord plugin pack Plugins/Health`),
/// and records of its types encoded from JSON with its descriptors only, as a client in any
/// language that holds the package's `.proto` would.
enum HealthPackage {
    /// The project's `Plugins/Health` folder.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Plugins/Health")

    /// The package of `Plugins/Health` signed by `key`; with `version`, a copy of the folder at
    /// that version, with `extraMigration` added as migration 2.
    static func build(signedBy key: PackageSigningKey, version: String? = nil, extraMigration: String? = nil) throws -> PluginPackage {
        guard version != nil || extraMigration != nil else {
            return try PackageBuilder(folder: folder).build(signedBy: key)
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("health-package-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: folder, to: copy)
        let manifestURL = copy.appendingPathComponent("plugin.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any] ?? [:]
        if let version { manifest["version"] = version }
        if let extraMigration {
            try Data(extraMigration.utf8).write(to: copy.appendingPathComponent("migrations/002-extra.sql"))
            var migrations = manifest["migrations"] as? [[String: Any]] ?? []
            migrations.append(["version": 2, "name": "extra view", "file": "migrations/002-extra.sql"])
            manifest["migrations"] = migrations
        }
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        return try PackageBuilder(folder: copy).build(signedBy: key)
    }

    /// The package file with one byte of its signed body changed.
    static func tampered(_ package: PluginPackage) throws -> Data {
        var envelope = try JSONSerialization.jsonObject(with: package.file) as? [String: Any] ?? [:]
        var body = package.body
        let index = body.index(body.startIndex, offsetBy: body.count / 2)
        body[index] ^= 0x01
        envelope["body"] = body.base64EncodedString()
        return try JSONSerialization.data(withJSONObject: envelope)
    }

    static let registrationType = "coordination.health.v1.PatientRegistration"

    /// A patient registration of the patient numbered `n` at danger grade `grade`, published by
    /// the health system in `jurisdiction`.
    static func registration(
        _ n: Int, grade: Int, jurisdiction: String = "demo-county.chengguan.dongmen", package: PluginPackage
    ) throws -> Sharing_PublishRequest {
        let json = """
            {"national_id": "\(Fixtures.nationalID(n))", "name": "患者\(n)", "date_of_birth": "1980-01-0\(n % 9 + 1)",
             "address": "东门社区\(n)号", "township_code": "chengguan",
             "guardian": {"name": "监护人\(n)", "relationship": "GUARDIAN_RELATIONSHIP_PARENT", "phone": "1390000\(String(format: "%04d", n))"},
             "diagnosis": "DIAGNOSIS_SCHIZOPHRENIA", "registered_at": "2026-11-01T08:00:00Z", "risk_grade": \(grade),
             "medication": "MEDICATION_STATUS_REGULAR", "rehabilitation": "REHABILITATION_PARTICIPATION_COMMUNITY",
             "register_status": "REGISTER_STATUS_ACTIVE"}
            """
        return try record(registrationType, json: json, requestID: "registration-\(n)-\(grade)", jurisdiction: jurisdiction, package: package)
    }

    /// A publish request of a record of `type` given as proto3 JSON, encoded with the package's descriptors.
    static func record(
        _ type: String, json: String, requestID: String, jurisdiction: String = "demo-county.chengguan.dongmen",
        package: PluginPackage
    ) throws -> Sharing_PublishRequest {
        let bytes = try DescriptorPool(serializedDescriptorSet: package.descriptorSet).messageType(named: type).encode(json: json)
        return .with {
            $0.requestID = requestID
            $0.jurisdictionCode = jurisdiction
            $0.record = .with {
                $0.typeURL = "type.googleapis.com/\(type)"
                $0.value = bytes
            }
        }
    }
}
