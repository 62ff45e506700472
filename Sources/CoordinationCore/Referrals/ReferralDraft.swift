import Foundation
import PluginAPI

/// A referral as a department asks for it, after the handler pseudonymised the person.
public struct ReferralDraft: Sendable, Hashable {
    /// The receiving department's code.
    public var toDepartment: String
    /// The keyed pseudonym of the person referred (never the national ID).
    public var subjectPseudonym: String
    /// Why the person is referred; shown to the parties, never in notices.
    public var reason: String
    /// `nil`: the referring plugin's default applies (see ``ReferralRules/urgency(requested:from:to:defaults:)``).
    public var urgency: ReferralUrgency?
    /// Records the referring department published about the person, in request order.
    public var linkedRecordIDs: [UUID]
    public var consent: ReferralConsent

    public init(
        toDepartment: String, subjectPseudonym: String, reason: String, urgency: ReferralUrgency?,
        linkedRecordIDs: [UUID], consent: ReferralConsent
    ) {
        self.toDepartment = toDepartment
        self.subjectPseudonym = subjectPseudonym
        self.reason = reason
        self.urgency = urgency
        self.linkedRecordIDs = linkedRecordIDs
        self.consent = consent
    }
}
