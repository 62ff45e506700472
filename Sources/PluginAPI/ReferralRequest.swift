/// A service referral (服务转介) a plugin's routing rule opens when a record is published.
///
/// The server refers the record's subject (pseudonymised) from the publishing department, with
/// the new record as the referral's one linked record, so that the receiving department reads
/// it under the active-referral basis while the referral is open. A record without a subject
/// opens no referral. The receiving department is told as for any referral.
public struct ReferralRequest: Sendable, Hashable {
    /// The receiving department's code, e.g. `"health"` (an unregistered code skips the referral).
    public var toDepartment: String
    /// Why the person is referred; shown to the two departments, never put into notices. Keep
    /// personal data out of it: the linked record carries it. Each cited field is shown only if
    /// the receiving department may read it.
    public var reason: RoutedText
    /// `nil`: the plugin's ``ReferralDefault`` for the receiver applies (e.g. the education green
    /// channel); without one the referral is dropped, as a referral made through the API would
    /// be refused.
    public var urgency: ReferralUrgency?
    /// The person's consent, or the ground on which the referral proceeds without it: a rule
    /// usually states ``ReferralConsent/notRequired(legalBasis:)`` naming the statute, or
    /// ``ReferralConsent/emergencyOverride(justification:)`` (at least 10 characters).
    public var consent: ReferralConsent

    public init(toDepartment: String, reason: RoutedText, urgency: ReferralUrgency? = nil, consent: ReferralConsent) {
        self.toDepartment = toDepartment
        self.reason = reason
        self.urgency = urgency
        self.consent = consent
    }
}
