/// How soon a receiving department must accept a referral (服务转介).
public enum ReferralUrgency: String, Sendable, CaseIterable, Codable {
    case emergency
    case urgent
    case routine
}

/// A plugin's default for referrals its department makes to another department: applied when
/// the referring department is the plugin's and the request leaves the urgency unspecified.
///
/// ```swift
/// ReferralDefault(toDepartment: "health", urgency: .emergency)  // the education green channel
/// ```
public struct ReferralDefault: Sendable, Hashable {
    /// The receiving department's code, e.g. `"health"`.
    public var toDepartment: String
    /// The urgency such referrals take unless the referrer states one.
    public var urgency: ReferralUrgency

    public init(toDepartment: String, urgency: ReferralUrgency) {
        self.toDepartment = toDepartment
        self.urgency = urgency
    }
}
