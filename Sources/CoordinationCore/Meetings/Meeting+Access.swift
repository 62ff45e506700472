extension Meeting {
    /// Whether `caller` may see this meeting: coordinators see every meeting, departments
    /// only those they are invited to.
    public func isVisible(to caller: Caller) -> Bool {
        AccessControl.permissions(of: caller).contains(.meetingsManage) || invitee(caller.departmentCode) != nil
    }
}

extension Meeting {
    /// The person whose shared records `caller` may read through this case conference:
    /// only invited departments, only while the meeting is convened or in session.
    public func caseConferenceSubject(for caller: Caller) throws(CoordinationError) -> String {
        guard invitee(caller.departmentCode) != nil else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "only departments invited to this meeting read its records; \(caller.departmentCode) is not invited")
        }
        guard kind == .caseConference, let subjectPseudonym else {
            throw CoordinationError(code: .failedPrecondition, message: "this meeting is not a case conference about a person")
        }
        guard status == .convened || status == .inSession else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "the meeting is \(status.phrase); its records are shown only while it is convened or in session")
        }
        return subjectPseudonym
    }
}
