import Foundation
import PluginAPI
import SwiftProtobuf

/// The women's federation's plugin: support for victims of domestic violence and sexual
/// assault, and marriage and family counselling (BRIEF.md, "What each first-wave department
/// does" — women's federation; seed 003 §9).
///
/// It has the strictest views of all: a victim's whereabouts and contact are among "the most
/// sensitive personal data there is" (BRIEF.md, "Privacy is a stated duty"; 003 §24). No other
/// department sees them, except public security protecting the victim under an open referral
/// or in a claimed emergency; no other department sees who a victim is except public security
/// and health on those same grounds; on any other ground other departments see nothing.
public struct WomensFederationPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "womens-federation",
        version: "0.1.0",
        departmentCode: "womens-federation",
        displayName: "Women's federation (妇联)",
        recordTypes: [WomensFederationPlugin.victimSupportCase, WomensFederationPlugin.familyCounselling],
        routingRules: WomensFederationPlugin.routingRules,
        migrations: WomensFederationPlugin.migrations
    )

    /// Victim support cases (psychological aid for women who suffered domestic violence or
    /// sexual assault, 003 §9). Public security, which protects the victim, sees who she is,
    /// the case and where to find and reach her — only under an open referral from the
    /// federation or a claimed, reviewed emergency. Health, which treats her, sees who she is,
    /// the case and the counselling notes on the same grounds (the notes only under a
    /// referral), never her whereabouts.
    static let victimSupportCase = RecordTypeDeclaration(
        messageType: WomensFederation_VictimSupportCase.self,
        description: "A victim of domestic violence or sexual assault receiving psychological aid"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(九)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("victim_name", .identity),
            FieldDeclaration("case_type", .general),
            FieldDeclaration("support_status", .general),
            FieldDeclaration("opened_at", .general),
            FieldDeclaration("counselling_notes", .health),
            FieldDeclaration("current_location", .victim),
            FieldDeclaration("contact_phone", .victim),
        ],
        views: [
            ViewGrant(
                viewers: ["public-security"], purposes: [.referral], legalBases: [.activeReferral],
                sensitivities: [.identity, .general, .victim]),
            ViewGrant(
                viewers: ["public-security"], purposes: [.emergencyResponse], legalBases: [.emergency],
                sensitivities: [.identity, .general, .victim]),
            ViewGrant(
                viewers: ["health"], purposes: [.referral], legalBases: [.activeReferral],
                sensitivities: [.identity, .general, .health]),
            ViewGrant(
                viewers: ["health"], purposes: [.emergencyResponse], legalBases: [.emergency],
                sensitivities: [.identity, .general]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let support = message as? WomensFederation_VictimSupportCase else { return [] }
            var violations = requirePerson(support.nationalID, name: support.victimName, nameField: "victim_name")
            switch support.caseType {
            case .domesticViolence, .sexualAssault: break
            case .unspecified: violations.append(FieldViolation(field: "case_type", description: "is required"))
            case .UNRECOGNIZED(let value):
                violations.append(FieldViolation(field: "case_type", description: "\(value) is not a case type"))
            }
            switch support.supportStatus {
            case .open, .inCounselling, .sheltered, .closed: break
            case .unspecified: violations.append(FieldViolation(field: "support_status", description: "is required"))
            case .UNRECOGNIZED(let value):
                violations.append(FieldViolation(field: "support_status", description: "\(value) is not a support status"))
            }
            if !support.hasOpenedAt {
                violations.append(FieldViolation(field: "opened_at", description: "is required"))
            }
            if !support.contactPhone.isEmpty && !isPhoneNumber(support.contactPhone) {
                violations.append(FieldViolation(
                    field: "contact_phone", description: "must be a telephone number of 5 to 20 digits (spaces, '-' and a leading '+' allowed)"))
            }
            return violations
        }
    )

    /// Marriage and family counselling sessions (003 §9). Only health, receiving a client the
    /// federation refers for treatment, sees them: who, what about, when, and the notes.
    static let familyCounselling = RecordTypeDeclaration(
        messageType: WomensFederation_FamilyCounsellingSession.self,
        description: "A marriage or family counselling session"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(九)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("client_name", .identity),
            FieldDeclaration("topic", .general),
            FieldDeclaration("held_at", .general),
            FieldDeclaration("counsellor", .general),
            FieldDeclaration("notes", .health),
        ],
        views: [
            ViewGrant(
                viewers: ["health"], purposes: [.referral], legalBases: [.activeReferral],
                sensitivities: [.identity, .general, .health]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let session = message as? WomensFederation_FamilyCounsellingSession else { return [] }
            var violations = requirePerson(session.nationalID, name: session.clientName, nameField: "client_name")
            switch session.topic {
            case .marriage, .parenting, .leftBehind: break
            case .unspecified: violations.append(FieldViolation(field: "topic", description: "is required"))
            case .UNRECOGNIZED(let value):
                violations.append(FieldViolation(field: "topic", description: "\(value) is not a counselling topic"))
            }
            if !session.hasHeldAt {
                violations.append(FieldViolation(field: "held_at", description: "is required"))
            }
            if session.counsellor.isEmpty {
                violations.append(FieldViolation(field: "counsellor", description: "is required"))
            }
            return violations
        }
    )

    /// The national ID (its format is checked by the server) and name every person record needs.
    static func requirePerson(_ nationalID: String, name: String, nameField: String) -> [FieldViolation] {
        var violations: [FieldViolation] = []
        if nationalID.isEmpty {
            violations.append(FieldViolation(field: "national_id", description: "is required"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            violations.append(FieldViolation(field: nameField, description: "is required"))
        }
        return violations
    }

    /// Whether `text` is a telephone number: 5–20 digits, with spaces, hyphens and a leading `+`.
    static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        let allowed = text.enumerated().allSatisfy { index, character in
            (character.isASCII && character.isNumber) || character == " " || character == "-" || (character == "+" && index == 0)
        }
        return allowed && (5...20).contains(digits.count)
    }
}
