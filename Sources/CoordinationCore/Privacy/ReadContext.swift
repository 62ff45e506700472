import Foundation
import PluginAPI

/// Why and on what ground a caller reads personal data: stated on every read.
public struct ReadContext: Sendable, Hashable {
    public var caller: Caller
    public var purpose: Purpose
    public var legalBasis: LegalBasis
    /// For ``LegalBasis/consent``: where the consent is recorded (form number, file reference).
    public var consentReference: String?
    /// For ``LegalBasis/emergency``: what the emergency is; reviewed afterwards.
    public var justification: String?
    /// For ``LegalBasis/activeReferral``: the open referral to the caller's department whose
    /// linked records are read.
    public var referralID: UUID?

    public init(
        caller: Caller, purpose: Purpose, legalBasis: LegalBasis, consentReference: String? = nil,
        justification: String? = nil, referralID: UUID? = nil
    ) {
        self.caller = caller
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.consentReference = consentReference
        self.justification = justification
        self.referralID = referralID
    }
}
