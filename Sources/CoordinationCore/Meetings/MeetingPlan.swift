import Foundation

/// A meeting as a coordinator asks for it, before it exists: validated into a draft
/// ``Meeting`` with the quorum resolved.
public struct MeetingPlan: Sendable, Hashable {
    /// One department to invite.
    public struct Invitation: Sendable, Hashable {
        public var departmentCode: String
        public var isLead: Bool

        public init(departmentCode: String, isLead: Bool) {
            self.departmentCode = departmentCode
            self.isLead = isLead
        }
    }

    /// `nil` when unspecified (rejected).
    public var kind: MeetingKind?
    public var title: String
    public var jurisdictionCode: String
    /// `nil` when unspecified (rejected).
    public var startsAt: Date?
    public var invitations: [Invitation]
    /// Minimum number of invited departments present; 0 for a majority of those invited.
    public var quorum: Int
    /// For a case conference: the pseudonym of the person concerned.
    public var subjectPseudonym: String?

    public init(
        kind: MeetingKind?, title: String, jurisdictionCode: String, startsAt: Date?, invitations: [Invitation],
        quorum: Int = 0, subjectPseudonym: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.jurisdictionCode = jurisdictionCode
        self.startsAt = startsAt
        self.invitations = invitations
        self.quorum = quorum
        self.subjectPseudonym = subjectPseudonym
    }

    /// The draft meeting, convened by `caller`; every bad field is named at once.
    public func draft(id: UUID, by caller: Caller, at date: Date) throws(CoordinationError) -> Meeting {
        var violations: [CoordinationError.Violation] = []
        func reject(_ field: String, _ problem: Localized) { violations.append(.init(field: field, description: problem)) }

        if kind == nil { reject("kind", "is required: leading group, joint, case conference or emergency") }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { reject("title", "is required, at most 200 characters") }
        if !DirectoryRules.isValidJurisdictionCode(jurisdictionCode) { reject("jurisdiction_code", "must name a jurisdiction") }
        if startsAt == nil { reject("starts_at", "is required") }
        if invitations.isEmpty { reject("invitees", "invite at least one department") }
        var seen = Set<String>()
        for (index, invitation) in invitations.enumerated() {
            let field = "invitees[\(index)].department_code"
            if !DirectoryRules.isValidDepartmentCode(invitation.departmentCode) {
                reject(field, "must name a department")
            } else if !seen.insert(invitation.departmentCode).inserted {
                reject(field, "'\(invitation.departmentCode)' is invited twice")
            }
        }
        if !invitations.isEmpty, quorum < 0 || quorum > invitations.count {
            reject("quorum", "must be between 1 and \(invitations.count) (the number of invited departments); 0 means a majority")
        }
        if subjectPseudonym != nil, kind != .caseConference {
            reject("subject_national_id", "only a case conference concerns one person")
        }
        guard violations.isEmpty, let kind, let startsAt else { throw .invalidArguments(violations) }
        return Meeting(
            id: id, kind: kind, title: title, jurisdictionCode: jurisdictionCode, startsAt: startsAt,
            convener: caller.name, convenerDepartment: caller.departmentCode,
            quorum: quorum == 0 ? Attendance.majority(of: invitations.count) : quorum,
            subjectPseudonym: subjectPseudonym,
            invitees: invitations.map { Meeting.Invitee(departmentCode: $0.departmentCode, isLead: $0.isLead) },
            createdAt: date)
    }
}
