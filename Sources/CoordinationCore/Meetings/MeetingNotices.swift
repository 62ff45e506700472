import Foundation

/// The notices a change of a meeting sends to its invited departments: `meeting.convened`
/// when it is convened, `meeting.cancelled` when a convened meeting is cancelled.
///
/// Notices name the meeting, its kind and time, never the person a case conference is about.
public enum MeetingNotices {
    /// Drafts for the change from `before` to `after`; empty for most changes.
    public static func drafts(from before: Meeting, to after: Meeting, localTime: LocalTime = .county) -> [NoticeDraft] {
        let subject = "meeting/\(after.id.uuidString.lowercased())"
        let when = localTime.minute(after.startsAt)
        if before.status == .draft, after.status == .convened {
            return after.invitees.map { invitee in
                NoticeDraft(
                    to: invitee.departmentCode, kind: .meetingConvened, subject: subject,
                    title: "\(label(after.kind)) convened: \(after.title)",
                    detail: invitee.isLead
                        ? "starts \(when) in \(after.jurisdictionCode); convened by \(after.convenerDepartment); your department is a lead department and must attend"
                        : "starts \(when) in \(after.jurisdictionCode); convened by \(after.convenerDepartment)",
                    onceKey: "\(subject)/convened/\(invitee.departmentCode)")
            }
        }
        if before.status == .convened, after.status == .cancelled {
            return after.invitees.map { invitee in
                NoticeDraft(
                    to: invitee.departmentCode, kind: .meetingCancelled, subject: subject,
                    title: "\(label(after.kind)) cancelled: \(after.title)",
                    detail: "the meeting scheduled for \(when) will not take place",
                    onceKey: "\(subject)/cancelled/\(invitee.departmentCode)")
            }
        }
        return []
    }

    /// A kind as people name it.
    public static func label(_ kind: MeetingKind) -> Localized {
        switch kind {
        case .leadingGroup: "Leading-group meeting"
        case .joint: "Joint meeting"
        case .caseConference: "Case conference"
        case .emergency: "Emergency meeting"
        }
    }
}
