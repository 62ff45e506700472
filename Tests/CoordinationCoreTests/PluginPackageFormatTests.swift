import Foundation
import PluginAPI
@testable import PluginPackages
import Testing

/// The package format without a server: signing, tampering, strict manifests, the checks a
/// package's declarations get before anything is installed, SQL splitting and record limits.
@Suite("Plugin package format")
struct PluginPackageFormatTests {
    static let healthFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Plugins/Health")
    static let key = PackageSigningKey(name: "County Health Commission IT")

    func health() throws -> PluginPackage {
        try PackageBuilder(folder: Self.healthFolder).build(signedBy: Self.key)
    }

    @Test("a package reads back with its signer; a changed byte or another key's signature is refused")
    func signing() throws {
        let package = try health()
        let read = try PluginPackage(file: package.file)
        #expect(read.signer.fingerprint == Self.key.publisherKey.fingerprint)
        #expect(read.digest == package.digest && read.manifest.id == "health")
        let plugin = try PackagedPlugin(package: read)
        #expect(plugin.manifest.recordTypes.map(\.messageName).contains("coordination.health.v1.PatientRegistration"))
        #expect(plugin.manifest.migrations.first?.statements.count == 3)

        var envelope = try #require(try JSONSerialization.jsonObject(with: package.file) as? [String: Any])
        var body = package.body
        body[body.startIndex + 40] ^= 0x20
        envelope["body"] = body.base64EncodedString()
        let tampered = try JSONSerialization.data(withJSONObject: envelope)
        #expect(throws: PackageError.self) { try PluginPackage(file: tampered) }
        envelope["body"] = package.body.base64EncodedString()
        envelope["publicKey"] = PackageSigningKey(name: "other").publisherKey.rawRepresentation.base64EncodedString()
        let resigned = try JSONSerialization.data(withJSONObject: envelope)
        let error = #expect(throws: PackageError.self) { try PluginPackage(file: resigned) }
        #expect(error?.description.contains("does not match its content") == true)
    }

    @Test("a publisher key's line reads back; anything else is refused with what it should look like")
    func publisherKeys() throws {
        let key = Self.key.publisherKey
        let read = try PublisherKey(text: key.text + "\n")
        #expect(read == key && read.name == "County Health Commission IT")
        #expect(key.fingerprint.hasPrefix("ed25519:") && key.fingerprint.count == 8 + 32)
        #expect(throws: PackageError.self) { try PublisherKey(text: "ssh-ed25519 AAAA") }
        #expect(throws: PackageError.self) { try PublisherKey(text: "coord-plugin-publisher ed25519 AAAA") }
        let signing = try PackageSigningKey(text: Self.key.text)
        #expect(signing.publisherKey.rawRepresentation == key.rawRepresentation)
    }

    @Test("a misspelt manifest key is refused with its path, not ignored")
    func strictManifest() throws {
        let manifest = #"{"format": 1, "recordTypes": [{"message": "a.B", "views": [{"viewers": ["x"], "minimumRisklevel": 3}]}]}"#
        let error = #expect(throws: PackageError.self) { try PackageManifest.checkKeys(of: Data(manifest.utf8)) }
        #expect(error?.description.hasPrefix("recordTypes[0].views[0].minimumRisklevel: unknown key") == true)
        #expect(throws: Never.self) { try PackageManifest.checkKeys(of: Data(contentsOf: Self.healthFolder.appendingPathComponent("plugin.json"))) }
    }

    @Test("declarations a server could not serve are refused at pack time, naming them")
    func declarations() throws {
        let package = try health()
        func refusal(_ change: (inout PackageManifest) -> Void) throws -> String? {
            var manifest = package.manifest
            change(&manifest)
            let changed = try PluginPackage(manifest: manifest, descriptorSet: package.descriptorSet, signedBy: Self.key)
            do {
                _ = try PackagedPlugin(package: changed)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(try refusal { _ in } == nil)
        #expect(try refusal { $0.recordTypes[0].fields.removeLast() }?.contains("has no sensitivity") == true)
        #expect(try refusal { $0.recordTypes[0].fields[0].sensitivity = "secret" }?.contains("'secret' is not one of") == true)
        #expect(try refusal { $0.recordTypes[0].views[0].purposes = ["curiosity"] }?.contains("purposes") == true)
        #expect(try refusal { $0.recordTypes[0].riskLevelField = "name" }?.contains("must be an integer field") == true)
        #expect(try refusal { $0.recordTypes[0].message = "coordination.health.v1.Nothing" }?.contains("declares no message type") == true)
        #expect(try refusal { $0.migrations?[0].statements = nil }?.contains("carries no statements") == true)
        let rule = try refusal {
            $0.recordTypes[0].rules = [.requirement(field: "risk_grade", require: try! RuleExpression.parse("risk_grde >= 3"), message: "m", when: nil)]
        }
        #expect(rule?.contains("validation rule 1") == true)
    }

    @Test("a migration file splits at semicolons outside quotes, dollar-quoted bodies and comments")
    func sqlScript() {
        let script = """
            -- a comment; with a semicolon
            CREATE VIEW a AS SELECT ';' AS s, "x;y" AS t;
            /* block; /* nested; */ still */ CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            CREATE FUNCTION g() RETURNS int AS $body$ SELECT 2; $body$ LANGUAGE sql
            ;
            -- trailing comment only
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix(#"SELECT ';' AS s, "x;y" AS t"#))
        #expect(statements[1].contains("AS $$ SELECT 1; $$ LANGUAGE sql"))
        #expect(statements[2].hasSuffix("$body$ SELECT 2; $body$ LANGUAGE sql"))
    }

    @Test("record values keep the API's limits: text length and lines, list sizes, finite numbers, declared enums")
    func limits() {
        let limits = RecordLimits(fields: [
            .init(name: "notes", sensitivity: "health", maxLength: 10, multiline: true),
        ])
        let message = RecordMessage(fields: [
            .init(name: "notes", value: .string("two\nlines")),
            .init(name: "name", value: .string("tab\there")),
            .init(name: "tags", value: .list(Array(repeating: .string("t"), count: 101))),
            .init(name: "score", value: .double(.nan)),
            .init(name: "kind", value: .enumeration(name: nil, number: 9)),
            .init(name: "guardian", value: .message(RecordMessage(fields: [.init(name: "phone", value: .string(String(repeating: "1", count: 300)))]))),
        ])
        #expect(limits.violations(in: message).map(\.field) == ["name", "tags", "score", "kind", "guardian.phone"])
    }
}
