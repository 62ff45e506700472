import Foundation
import PluginAPI

/// What a referral must state before it is stored, and which urgency it takes.
public enum ReferralRules {
    /// The longest reason, note or outcome.
    public static let maximumText = 2000
    /// The shortest justification for overriding consent in an emergency.
    public static let minimumJustification = 10

    /// Every violation in `draft`, made by `fromDepartment`, naming the request's fields.
    public static func validate(_ draft: ReferralDraft, from fromDepartment: String) throws(CoordinationError) {
        var violations: [CoordinationError.Violation] = []
        if draft.toDepartment.isEmpty {
            violations.append(.init(field: "to_department", description: "is required: name the receiving department"))
        } else if draft.toDepartment == fromDepartment {
            violations.append(.init(field: "to_department", description: "a department cannot refer a person to itself"))
        }
        violations += textViolations(draft.reason, field: "reason", required: "say why the person is referred")
        if Set(draft.linkedRecordIDs).count != draft.linkedRecordIDs.count {
            violations.append(.init(field: "linked_record_ids", description: "names a record more than once"))
        }
        if draft.linkedRecordIDs.count > 100 {
            violations.append(.init(field: "linked_record_ids", description: "at most 100 records may be linked"))
        }
        switch draft.consent {
        case .given(let reference):
            violations += textViolations(reference, field: "consent.given_reference", required: "say where the consent is recorded")
        case .notRequired(let basis):
            violations += textViolations(basis, field: "consent.not_required_basis", required: "name the legal basis (e.g. a statute)")
        case .emergencyOverride(let justification):
            if justification.trimmingCharacters(in: .whitespacesAndNewlines).count < minimumJustification {
                violations.append(.init(
                    field: "consent.emergency_justification",
                    description: "overriding consent needs a justification of at least \(minimumJustification) characters"))
            } else if justification.count > maximumText {
                violations.append(.init(field: "consent.emergency_justification", description: "must be at most \(maximumText) characters"))
            }
        }
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }

    /// The urgency a referral from `fromDepartment` to `toDepartment` takes: the requested one,
    /// else the referring department's plugin default for that receiver (e.g. the education
    /// green channel to health), else `invalidArgument` naming `urgency`.
    public static func urgency(
        requested: ReferralUrgency?, from fromDepartment: String, to toDepartment: String,
        defaults: [ReferralDefault]
    ) throws(CoordinationError) -> (urgency: ReferralUrgency, defaulted: Bool) {
        if let requested { return (requested, false) }
        if let rule = defaults.first(where: { $0.toDepartment == toDepartment }) { return (rule.urgency, true) }
        throw .invalidArgument(
            field: "urgency",
            "is required: no plugin default applies to referrals from \(fromDepartment) to \(toDepartment); state emergency, urgent or routine")
    }

    /// The referral a plugin's routing rule asked for when `fromDepartment` published a record
    /// about `subjectPseudonym` at `createdAt`, with its urgency (stated or the plugin default)
    /// and acceptance deadline. A record without a subject opens none; a malformed request (no
    /// reason, a consent ground without its text, no urgency and no default) is a fault of the
    /// plugin and is dropped: `nil`.
    public static func routed(
        _ request: ReferralRequest, from fromDepartment: String, subjectPseudonym: String?, defaults: [ReferralDefault],
        createdAt: Date, deadlines: ReferralDeadlines
    ) -> RoutedReferral? {
        guard let subjectPseudonym, !subjectPseudonym.isEmpty else { return nil }
        let draft = ReferralDraft(
            toDepartment: request.toDepartment, subjectPseudonym: subjectPseudonym, reason: request.reason.description,
            urgency: request.urgency, linkedRecordIDs: [], consent: request.consent)
        guard (try? validate(draft, from: fromDepartment)) != nil,
              let (urgency, defaulted) = try? urgency(
                requested: request.urgency, from: fromDepartment, to: request.toDepartment, defaults: defaults)
        else { return nil }
        return RoutedReferral(
            draft: draft, urgency: urgency, defaulted: defaulted, createdAt: createdAt,
            acceptBy: deadlines.acceptBy(urgency, createdAt: createdAt))
    }

    /// A required free text (reason, decline reason, outcome): present and at most 2000 characters.
    public static func requireText(_ text: String, field: String, _ what: Localized) throws(CoordinationError) {
        let violations = textViolations(text, field: field, required: what)
        if !violations.isEmpty { throw .invalidArguments(violations) }
    }

    /// An optional free text: at most 2000 characters.
    public static func checkOptionalText(_ text: String, field: String) throws(CoordinationError) {
        if text.count > maximumText { throw .invalidArgument(field: field, "must be at most \(maximumText) characters") }
    }

    private static func textViolations(_ text: String, field: String, required what: Localized) -> [CoordinationError.Violation] {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return [.init(field: field, description: "is required: \(what)")]
        }
        if text.count > maximumText { return [.init(field: field, description: "must be at most \(maximumText) characters")] }
        return []
    }
}
