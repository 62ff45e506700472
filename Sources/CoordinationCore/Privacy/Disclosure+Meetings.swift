extension Disclosure {
    /// Whether `reader` sees `meeting`: the invited departments and readers who oversee.
    public static func shows(_ meeting: Meeting, to reader: Reader) -> Bool {
        reader.oversees || meeting.invitee(reader.department) != nil
    }

    /// The person whose shared records `reader` may read through this case conference: only
    /// invited departments, only while the meeting is convened or in session.
    public static func caseConferenceSubject(of meeting: Meeting, for reader: Reader) throws(CoordinationError) -> String {
        guard meeting.invitee(reader.department) != nil else {
            throw CoordinationError(
                code: .permissionDenied,
                message: "only departments invited to this meeting read its records; \(reader.department) is not invited")
        }
        guard meeting.kind == .caseConference, let subjectPseudonym = meeting.subjectPseudonym else {
            throw CoordinationError(code: .failedPrecondition, message: "this meeting is not a case conference about a person")
        }
        guard meeting.status == .convened || meeting.status == .inSession else {
            throw CoordinationError(
                code: .failedPrecondition,
                message: "the meeting is \(Localized(stringLiteral: meeting.status.phrase)); its records are shown only while it is convened or in session")
        }
        return subjectPseudonym
    }
}
