/// How sensitive a field of a record is. Views grant sensitivities, never single values.
public enum Sensitivity: String, Sendable, CaseIterable, Codable, Comparable {
    /// Names, national ID numbers, dates of birth.
    case identity
    /// Telephone numbers, addresses for contact.
    case contact
    /// Where a person lives or stays.
    case location
    /// Diagnoses, screening answers, mental-health details.
    case health
    /// Criminal records and police matters.
    case criminal
    /// Anything that identifies or locates a victim of violence.
    case victim
    /// Non-personal facts: dates, codes, levels, counts.
    case general

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why a department reads personal data. Required on every read.
public enum Purpose: String, Sendable, CaseIterable, Codable {
    /// Handling an individual's case within the department's own duty.
    case caseManagement = "case-management"
    /// Assessing the risk a person poses or faces.
    case riskAssessment = "risk-assessment"
    /// Joint follow-up visits (联合随访).
    case followUp = "follow-up"
    /// Handling a crisis or emergency (应急处置).
    case emergencyResponse = "emergency-response"
    /// Serving a referral (服务转介).
    case referral
}

/// The legal ground for reading another department's record.
public enum LegalBasis: String, Sendable, CaseIterable, Codable {
    /// The reader's statutory duty.
    case statutoryDuty = "statutory-duty"
    /// The person's recorded consent.
    case consent
    /// An open referral of the person to the reader.
    case activeReferral = "active-referral"
    /// An emergency claimed by a person allowed to claim one ("break the glass"); reviewed afterwards.
    case emergency
}
