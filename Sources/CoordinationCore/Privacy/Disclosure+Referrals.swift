import PluginAPI

extension Disclosure {
    /// The referral as `reader` is shown it: whole to its two departments; to a reader who
    /// oversees, without personal data (no pseudonym, reason, consent text, linked or source
    /// record, closing note); to anyone else, `nil`.
    public static func referral(_ referral: Referral, to reader: Reader) -> Referral? {
        if referral.party(of: reader.department) != nil { return referral }
        guard reader.oversees else { return nil }
        var shown = referral
        shown.subjectPseudonym = ""
        shown.reason = ""
        shown.consent = ReferralConsent(kind: referral.consent.kind, text: "") ?? referral.consent
        shown.linkedRecordIDs = []
        shown.closingNote = ""
        shown.sourceRecordID = nil
        return shown
    }

    /// A step of a referral's history as `reader` is shown it: its free text only to the
    /// referral's parties.
    public static func referralEvent(_ event: ReferralEvent, of referral: Referral, to reader: Reader) -> ReferralEvent {
        guard referral.party(of: reader.department) == nil else { return event }
        var shown = event
        shown.detail = ""
        return shown
    }

    /// The referrals among `shown` whose reading by `department` discloses a person: those
    /// carrying a person's data that another department wrote.
    public static func disclosures(_ shown: [Referral], to department: String) -> [Referral] {
        shown.filter { !$0.subjectPseudonym.isEmpty && $0.fromDepartment != department }
    }
}
