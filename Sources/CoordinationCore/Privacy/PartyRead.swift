import PluginAPI

/// Why a party reads an alert or a referral it is party to: the context it states, or the
/// default for its kind, recorded in the audit as a default.
public struct PartyRead: Sendable, Hashable {
    /// What a party reads.
    public enum Object: Sendable, Hashable {
        case alert, referral

        /// The purpose a party reads it for unless it says otherwise.
        var defaultPurpose: Purpose {
            switch self {
            case .alert: return .emergencyResponse
            case .referral: return .referral
            }
        }
    }

    public var context: ReadContext
    /// The caller stated no context: the default for a party was taken.
    public var defaulted: Bool

    /// The stated context (checked by ``Disclosure/validate(_:permission:)``), or the default.
    public init(_ stated: ReadContext?, of caller: Caller, reading object: Object, permission: Permission) throws(CoordinationError) {
        if let stated {
            try Disclosure.validate(stated, permission: permission)
            context = stated
            defaulted = false
        } else {
            context = ReadContext(caller: caller, purpose: object.defaultPurpose, legalBasis: .statutoryDuty)
            defaulted = true
        }
    }

    /// The audit entry's free text for the read of `what`: the default named, or the consent
    /// reference or justification stated.
    public func detail(_ what: String) -> String {
        if defaulted { return "\(what) (read as a party: default purpose and basis)" }
        if let extra = context.consentReference ?? context.justification { return "\(what); \(extra)" }
        return what
    }
}
