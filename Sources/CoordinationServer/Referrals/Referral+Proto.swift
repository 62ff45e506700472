import CoordinationAPI
import CoordinationCore
import Foundation
import PluginAPI
import SwiftProtobuf

extension Referral {
    /// The wire form; what is redacted stays empty. `now` decides `overdue`.
    func proto(at now: Date) -> Referrals_Referral {
        .with {
            $0.referralID = id.uuidString.lowercased()
            $0.fromDepartment = fromDepartment
            $0.toDepartment = toDepartment
            $0.subjectPseudonym = subjectPseudonym
            $0.reason = reason
            $0.urgency = Referrals_ReferralUrgency(rawValue: WireValues.number(urgency)) ?? .unspecified
            $0.urgencyDefaulted = urgencyDefaulted
            $0.consent = .with {
                $0.kind = consent.kind
                $0.text = consent.text
            }
            $0.linkedRecordIds = linkedRecordIDs.map { $0.uuidString.lowercased() }
            $0.status = Referrals_ReferralStatus(rawValue: WireValues.number(status)) ?? .unspecified
            $0.createdBy = createdBy
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
            $0.acceptBy = Google_Protobuf_Timestamp(date: acceptBy)
            $0.overdue = isOverdue(at: now)
            $0.escalationLevel = Int32(escalationLevel)
            $0.closingNote = closingNote
            if let decidedAt { $0.decidedAt = Google_Protobuf_Timestamp(date: decidedAt) }
            if let closedAt { $0.closedAt = Google_Protobuf_Timestamp(date: closedAt) }
            $0.sourceRecordID = sourceRecordID?.uuidString.lowercased() ?? ""
        }
    }
}

extension ReferralEvent {
    /// The step, its detail in `language`.
    func proto(in language: Language) -> Referrals_ReferralEvent {
        .with {
            $0.sequence = sequence
            $0.kind = kind.rawValue
            $0.departmentCode = departmentCode ?? ""
            $0.actor = actor
            $0.detail = detail.resolved(in: ServerMessages.catalog(language))
            $0.at = Google_Protobuf_Timestamp(date: at)
        }
    }
}

extension ReferralConsent {
    /// The consent stated in a request; `consent` is required.
    init(_ proto: Referrals_Consent?) throws(CoordinationError) {
        switch proto?.kind {
        case .givenReference(let reference)?: self = .given(reference: reference)
        case .notRequiredBasis(let basis)?: self = .notRequired(legalBasis: basis)
        case .emergencyJustification(let justification)?: self = .emergencyOverride(justification: justification)
        case nil:
            throw .invalidArgument(
                field: "consent",
                "is required: given_reference, not_required_basis (the legal basis) or emergency_justification")
        }
    }
}
