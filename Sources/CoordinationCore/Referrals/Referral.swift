import Foundation
import PluginAPI

/// A referral as stored. What a viewer is shown of it is ``Referral/redacted()`` for anyone who
/// is not a party.
public struct Referral: Sendable, Hashable {
    public var id: UUID
    public var fromDepartment: String
    public var toDepartment: String
    /// Empty once redacted.
    public var subjectPseudonym: String
    /// Empty once redacted.
    public var reason: String
    public var urgency: ReferralUrgency
    /// The urgency came from a plugin's default.
    public var urgencyDefaulted: Bool
    /// The consent's text is empty once redacted; its kind stays.
    public var consent: ReferralConsent
    /// Empty once redacted.
    public var linkedRecordIDs: [UUID]
    public var status: ReferralStatus
    public var createdBy: String
    public var createdAt: Date
    public var acceptBy: Date
    public var escalationLevel: Int
    /// Why it was declined or withdrawn, or the outcome; empty once redacted.
    public var closingNote: String
    public var decidedAt: Date?
    public var closedAt: Date?
    /// The record whose publication opened the referral through its type's routing rule (it is
    /// also the linked record); `nil` for a referral a department asked for. `nil` once redacted.
    public var sourceRecordID: UUID?

    public init(
        id: UUID, fromDepartment: String, toDepartment: String, subjectPseudonym: String, reason: String,
        urgency: ReferralUrgency, urgencyDefaulted: Bool, consent: ReferralConsent, linkedRecordIDs: [UUID],
        status: ReferralStatus, createdBy: String, createdAt: Date, acceptBy: Date, escalationLevel: Int,
        closingNote: String, decidedAt: Date?, closedAt: Date?, sourceRecordID: UUID? = nil
    ) {
        self.id = id
        self.fromDepartment = fromDepartment
        self.toDepartment = toDepartment
        self.subjectPseudonym = subjectPseudonym
        self.reason = reason
        self.urgency = urgency
        self.urgencyDefaulted = urgencyDefaulted
        self.consent = consent
        self.linkedRecordIDs = linkedRecordIDs
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.acceptBy = acceptBy
        self.escalationLevel = escalationLevel
        self.closingNote = closingNote
        self.decidedAt = decidedAt
        self.closedAt = closedAt
        self.sourceRecordID = sourceRecordID
    }

    /// `department`'s part in the referral, `nil` if it is no party.
    public func party(of department: String) -> ReferralParty? {
        if department == toDepartment { return .receiving }
        if department == fromDepartment { return .referring }
        return nil
    }

    /// Pending past its acceptance deadline at `now`.
    public func isOverdue(at now: Date) -> Bool { status == .pending && now >= acceptBy }

    /// The referral without personal data, for a coordinator whose department is no party:
    /// no pseudonym, reason, consent text, linked or source record or closing note.
    public func redacted() -> Referral {
        var copy = self
        copy.subjectPseudonym = ""
        copy.reason = ""
        copy.consent = ReferralConsent(kind: consent.kind, text: "") ?? consent
        copy.linkedRecordIDs = []
        copy.closingNote = ""
        copy.sourceRecordID = nil
        return copy
    }

    /// The notice subject of a referral: `referral/<id>`.
    public static func subject(_ id: UUID) -> String { "referral/\(id.uuidString.lowercased())" }
}

/// One step in a referral's history.
public struct ReferralEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case created, accepted, declined, completed, withdrawn, overdue, escalated
    }

    public var sequence: Int64
    public var kind: Kind
    /// The acting department; `nil` for the server's own steps.
    public var departmentCode: String?
    public var actor: String
    /// Shown in each reader's language; empty once redacted.
    public var detail: Localized
    public var at: Date

    public init(sequence: Int64, kind: Kind, departmentCode: String?, actor: String, detail: Localized, at: Date) {
        self.sequence = sequence
        self.kind = kind
        self.departmentCode = departmentCode
        self.actor = actor
        self.detail = detail
        self.at = at
    }
}
