/// The referral state machine: who may move a referral from which status to which.
///
/// ```
/// pending ──accept (receiver)──> accepted ──complete (receiver, outcome)──> completed
///    └──decline (receiver, reason)──> declined
/// pending or accepted ──withdraw (referrer)──> withdrawn
/// ```
/// `party` is the acting department's part in the referral; a department that is no party
/// never reaches here (it is told the referral does not exist).
public enum ReferralLifecycle {
    /// The receiving department accepts a pending referral.
    public static func accept(_ status: ReferralStatus, by party: ReferralParty) throws(CoordinationError) -> ReferralStatus {
        try require(party, .receiving, "accepts")
        guard status == .pending else { throw wrongState(status, "accepting needs a pending referral") }
        return .accepted
    }

    /// The receiving department declines a pending referral; `reason` is required.
    public static func decline(
        _ status: ReferralStatus, by party: ReferralParty, reason: String
    ) throws(CoordinationError) -> ReferralStatus {
        try require(party, .receiving, "declines")
        try ReferralRules.requireText(reason, field: "reason", "say why the referral is declined")
        guard status == .pending else { throw wrongState(status, "declining needs a pending referral") }
        return .declined
    }

    /// The receiving department completes an accepted referral; `outcome` is required.
    public static func complete(
        _ status: ReferralStatus, by party: ReferralParty, outcome: String
    ) throws(CoordinationError) -> ReferralStatus {
        try require(party, .receiving, "completes")
        try ReferralRules.requireText(outcome, field: "outcome", "say what the service achieved")
        guard status == .accepted else {
            throw wrongState(status, status == .pending
                ? "the receiving department must accept it before completing it"
                : "completing needs an accepted referral")
        }
        return .completed
    }

    /// The referring department withdraws a pending or accepted referral.
    public static func withdraw(_ status: ReferralStatus, by party: ReferralParty) throws(CoordinationError) -> ReferralStatus {
        try require(party, .referring, "withdraws")
        guard status.isOpen else { throw wrongState(status, "only a pending or accepted referral can be withdrawn") }
        return .withdrawn
    }

    private static func require(_ party: ReferralParty, _ needed: ReferralParty, _ verb: Localized) throws(CoordinationError) {
        guard party == needed else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "only the \(Localized(stringLiteral: needed.rawValue)) department \(verb) a referral; yours is the \(Localized(stringLiteral: party.rawValue)) department")
        }
    }

    private static func wrongState(_ status: ReferralStatus, _ needed: Localized) -> CoordinationError {
        CoordinationError(code: .failedPrecondition, message: "the referral is \(Localized(stringLiteral: status.rawValue)); \(needed)")
    }
}
