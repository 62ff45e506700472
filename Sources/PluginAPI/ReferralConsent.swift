/// The person's consent to a referral, or the ground on which it proceeds without it.
/// Stored with the referral and written to the audit trail.
public enum ReferralConsent: Sendable, Hashable {
    /// Consent was given; where it is recorded (form number, file reference).
    case given(reference: String)
    /// Consent is not required; the legal basis, naming the statute or rule.
    case notRequired(legalBasis: String)
    /// An emergency overrides consent; what the emergency is.
    case emergencyOverride(justification: String)

    /// `given`, `not-required` or `emergency-override`.
    public var kind: String {
        switch self {
        case .given: "given"
        case .notRequired: "not-required"
        case .emergencyOverride: "emergency-override"
        }
    }

    /// The reference, the legal basis or the justification.
    public var text: String {
        switch self {
        case .given(let text), .notRequired(let text), .emergencyOverride(let text): text
        }
    }

    /// The consent stored as `kind` and `text`; `nil` for an unknown kind.
    public init?(kind: String, text: String) {
        switch kind {
        case "given": self = .given(reference: text)
        case "not-required": self = .notRequired(legalBasis: text)
        case "emergency-override": self = .emergencyOverride(justification: text)
        default: return nil
        }
    }

    /// One line for the audit trail, e.g. `consent given (form 2026-118)`.
    public var auditLine: String {
        switch self {
        case .given(let reference): "consent given (\(reference))"
        case .notRequired(let basis): "consent not required under \(basis)"
        case .emergencyOverride(let justification): "consent overridden in an emergency: \(justification)"
        }
    }
}
