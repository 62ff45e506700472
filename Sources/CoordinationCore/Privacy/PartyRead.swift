import PluginAPI

/// Why a party reads an alert or a referral it is party to: the context it states, or the
/// default for its kind, recorded in the audit as a default.
public struct PartyRead: Sendable, Hashable {
    /// What a party reads.
    public enum Object: Sendable, Hashable {
        case alert, referral

        /// The permission a stated context is checked against.
        var permission: Permission {
            switch self {
            case .alert: return .alertsRead
            case .referral: return .referralsRead
            }
        }

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
    public init(_ stated: ReadContext?, of caller: Caller, reading object: Object) throws(CoordinationError) {
        if let stated {
            try Disclosure.validate(stated, permission: object.permission)
            context = stated
            defaulted = false
        } else {
            context = ReadContext(caller: caller, purpose: object.defaultPurpose, legalBasis: .statutoryDuty)
            defaulted = true
        }
    }

    /// The audit entry of this read, `action`, of `what` about `subjects`: the purpose and basis,
    /// and in the free text the default named, or the consent reference or justification stated.
    public func event(_ action: String, of what: String, subjects: [String], recordIDs: [String] = []) -> AuditEvent {
        var detail = what
        if defaulted {
            detail += " (read as a party: default purpose and basis)"
        } else if let extra = context.consentReference ?? context.justification {
            detail += "; \(extra)"
        }
        return AuditEvent(
            caller: context.caller, action: action, recordIDs: recordIDs, purpose: context.purpose.rawValue,
            legalBasis: context.legalBasis.rawValue, subjects: Array(Set(subjects)).sorted(), detail: detail)
    }
}
