import CoordinationAPI
import CoordinationCore
import Foundation
import SwiftProtobuf

extension Meeting {
    /// The wire form, the same for every reader the meeting is shown to: it never carries the
    /// person's pseudonym (``Disclosure/caseConferenceSubject(of:for:)`` keeps it on the server).
    var proto: Meetings_Meeting {
        .with {
            $0.meetingID = id.uuidString.lowercased()
            $0.kind = Meetings_MeetingKind(kind)
            $0.title = title
            $0.jurisdictionCode = jurisdictionCode
            $0.startsAt = Google_Protobuf_Timestamp(date: startsAt)
            $0.convener = convener
            $0.convenerDepartment = convenerDepartment
            $0.quorum = Int32(quorum)
            $0.aboutPerson = subjectPseudonym != nil
            $0.status = Meetings_MeetingStatus(status)
            $0.invitees = invitees.map(\.proto)
            $0.agenda = agenda.map(\.proto)
            $0.currentItem = Int32(currentItem ?? 0)
            $0.decisions = decisions.map { $0.proto(meeting: id) }
            $0.version = version
            $0.present = Int32(attendance.present)
            $0.quorumMet = attendance.isMet
            $0.createdAt = Google_Protobuf_Timestamp(date: createdAt)
            if let convenedAt { $0.convenedAt = Google_Protobuf_Timestamp(date: convenedAt) }
            if let startedAt { $0.startedAt = Google_Protobuf_Timestamp(date: startedAt) }
            if let endedAt { $0.endedAt = Google_Protobuf_Timestamp(date: endedAt) }
            $0.cancelReason = cancelReason ?? ""
        }
    }
}

extension Meeting.Invitee {
    var proto: Meetings_Invitee {
        .with {
            $0.departmentCode = departmentCode
            $0.lead = isLead
            if let rsvp {
                $0.rsvp = rsvp.response == .attending ? .attending : .declining
                $0.representative = .with {
                    $0.name = rsvp.representativeName
                    $0.role = rsvp.representativeRole ?? ""
                }
                $0.rsvpBy = rsvp.answeredBy
                $0.rsvpAt = Google_Protobuf_Timestamp(date: rsvp.answeredAt)
            }
            if let checkIn {
                $0.checkedIn = true
                $0.checkedInBy = checkIn.by
                $0.checkedInAt = Google_Protobuf_Timestamp(date: checkIn.at)
            }
        }
    }
}

extension Meeting.AgendaItem {
    var proto: Meetings_AgendaItem {
        .with {
            $0.position = Int32(position)
            $0.title = title
            $0.presentingDepartment = presentingDepartment
            $0.links = links.map(\.description)
            if let minutes {
                $0.minutes = minutes.text
                $0.minutesBy = minutes.recordedBy
                $0.minutesAt = Google_Protobuf_Timestamp(date: minutes.recordedAt)
            }
        }
    }
}

extension MeetingDecision {
    func proto(meeting: UUID) -> Meetings_Decision {
        .with {
            $0.decisionID = id.uuidString.lowercased()
            $0.meetingID = meeting.uuidString.lowercased()
            $0.agendaItem = Int32(agendaItem)
            $0.method = method == .consensus ? .consensus : .vote
            $0.text = text
            $0.status = switch status {
            case .voting: .voting
            case .adopted: .adopted
            case .rejected: .rejected
            }
            $0.tally = .with {
                $0.yes = Int32(tally.yes)
                $0.no = Int32(tally.no)
                $0.abstain = Int32(tally.abstain)
            }
            $0.votedDepartments = votedDepartments
            $0.recordedBy = recordedBy
            $0.openedAt = Google_Protobuf_Timestamp(date: openedAt)
            if let decidedAt { $0.decidedAt = Google_Protobuf_Timestamp(date: decidedAt) }
        }
    }
}

extension Meetings_MeetingKind {
    init(_ kind: MeetingKind) {
        self = switch kind {
        case .leadingGroup: .leadingGroup
        case .joint: .joint
        case .caseConference: .caseConference
        case .emergency: .emergency
        }
    }

    /// The kind, or `nil` when unspecified or unknown.
    var kind: MeetingKind? { MeetingKind.allCases.first { Meetings_MeetingKind($0) == self } }
}

extension Meetings_MeetingStatus {
    init(_ status: MeetingStatus) {
        self = switch status {
        case .draft: .draft
        case .convened: .convened
        case .inSession: .inSession
        case .closed: .closed
        case .cancelled: .cancelled
        }
    }

    /// The status, or `nil` when unspecified or unknown.
    var status: MeetingStatus? { MeetingStatus.allCases.first { Meetings_MeetingStatus($0) == self } }
}

extension Meetings_VoteChoice {
    /// The choice, or `nil` when unspecified or unknown.
    var choice: MeetingDecision.Choice? {
        switch self {
        case .yes: .yes
        case .no: .no
        case .abstain: .abstain
        default: nil
        }
    }
}

extension Meetings_RsvpResponse {
    /// The response, or `nil` when unspecified or unknown.
    var response: Meeting.RSVP.Response? {
        switch self {
        case .attending: .attending
        case .declining: .declining
        default: nil
        }
    }
}
