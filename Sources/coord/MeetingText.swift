import ArgumentParser
import CoordinationAPI
import CoordinationClient
import Foundation

/// Meeting names, dates and descriptions as people type and read them.
enum MeetingText {
    static let kinds: [(String, Meetings_MeetingKind)] = [
        ("leading-group", .leadingGroup), ("joint", .joint), ("case-conference", .caseConference), ("emergency", .emergency),
    ]
    static let statuses: [(String, Meetings_MeetingStatus)] = [
        ("draft", .draft), ("convened", .convened), ("in-session", .inSession), ("closed", .closed), ("cancelled", .cancelled),
    ]

    static func kind(_ text: String) throws -> Meetings_MeetingKind {
        guard let kind = kinds.first(where: { $0.0 == text })?.1 else {
            throw ValidationError(tr("unknown kind '\(text)'; use \(kinds.map(\.0).joined(separator: ", "))"))
        }
        return kind
    }

    static func status(_ text: String) throws -> Meetings_MeetingStatus {
        guard let status = statuses.first(where: { $0.0 == text })?.1 else {
            throw ValidationError(tr("unknown status '\(text)'; use \(statuses.map(\.0).joined(separator: ", "))"))
        }
        return status
    }

    static func name(_ kind: Meetings_MeetingKind) -> String { kinds.first { $0.1 == kind }?.0 ?? "unknown" }
    static func name(_ status: Meetings_MeetingStatus) -> String { statuses.first { $0.1 == status }?.0 ?? "unknown" }

    static func name(_ status: Meetings_DecisionStatus) -> String {
        switch status {
        case .voting: "voting"
        case .adopted: "adopted"
        case .rejected: "rejected"
        default: "unknown"
        }
    }

    static func tally(_ tally: Meetings_VoteTally) -> String { "yes \(tally.yes), no \(tally.no), abstain \(tally.abstain)" }

    /// Comma-separated values, trimmed, empty ones dropped.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// One line per snapshot for `coord meeting live`.
    static func liveSummary(_ meeting: Meetings_Meeting) -> String {
        let present = meeting.invitees.filter(\.checkedIn).map(\.departmentCode)
        var parts = [
            "v\(meeting.version) \(name(meeting.status))",
            "present \(meeting.present)/\(meeting.quorum)\(meeting.quorumMet ? " ✓" : "")"
                + (present.isEmpty ? "" : " (\(present.joined(separator: ", ")))"),
        ]
        if let item = meeting.agenda.first(where: { $0.position == meeting.currentItem }) {
            parts.append("item \(item.position): \(item.title)")
        }
        for decision in meeting.decisions {
            parts.append("decision on item \(decision.agendaItem) \(name(decision.status))"
                + (decision.method == .vote ? " (\(tally(decision.tally)))" : ""))
        }
        return parts.joined(separator: " | ")
    }

    /// The whole meeting, for `coord meeting show`.
    static func describe(_ meeting: Meetings_Meeting) {
        print("\(meeting.title)  [\(name(meeting.kind)), \(name(meeting.status)), v\(meeting.version)]")
        print(tr("id \(meeting.meetingID); \(meeting.jurisdictionCode); starts \(Output.timestamp(meeting.startsAt.date))"))
        print(meeting.quorumMet
            ? tr("convened by \(meeting.convener) of \(meeting.convenerDepartment); quorum \(meeting.quorum), present \(meeting.present) (met)")
            : tr("convened by \(meeting.convener) of \(meeting.convenerDepartment); quorum \(meeting.quorum), present \(meeting.present)"))
        if meeting.aboutPerson { print(tr("case conference about a person: read the records with 'coord meeting records'")) }
        if !meeting.cancelReason.isEmpty { print(tr("cancelled: \(meeting.cancelReason)")) }
        print("")
        Output.table(["DEPARTMENT", "LEAD", "RSVP", "REPRESENTATIVE", "CHECKED IN"], meeting.invitees.map { invitee in
            [
                invitee.departmentCode, invitee.lead ? tr("lead") : "",
                invitee.rsvp == .attending ? tr("attending") : invitee.rsvp == .declining ? tr("declining") : "-",
                [invitee.representative.name, invitee.representative.role].filter { !$0.isEmpty }.joined(separator: ", "),
                invitee.checkedIn ? tr("\(Output.timestamp(invitee.checkedInAt.date)) by \(invitee.checkedInBy)") : "-",
            ]
        })
        print("")
        Output.table(["#", "ITEM", "PRESENTER", "LINKS", "MINUTES"], meeting.agenda.map { item in
            [
                (item.position == meeting.currentItem ? "▶" : "") + String(item.position), item.title, item.presentingDepartment,
                item.links.joined(separator: " "), item.minutes.isEmpty ? "-" : item.minutes,
            ]
        })
        guard !meeting.decisions.isEmpty else { return }
        print("")
        Output.table(["DECISION", "ITEM", "STATUS", "TALLY", "TEXT"], meeting.decisions.map { decision in
            [
                decision.decisionID, String(decision.agendaItem), name(decision.status),
                decision.method == .vote ? tally(decision.tally) : "consensus", decision.text,
            ]
        })
    }
}

/// One meeting in a listing.
struct MeetingRow: Encodable {
    var id: String
    var startsAt: Date
    var kind: String
    var status: String
    var jurisdiction: String
    var present: Int32
    var quorum: Int32
    var title: String

    init(_ meeting: Meetings_Meeting) {
        id = meeting.meetingID
        startsAt = meeting.startsAt.date
        kind = MeetingText.name(meeting.kind)
        status = MeetingText.name(meeting.status)
        jurisdiction = meeting.jurisdictionCode
        present = meeting.present
        quorum = meeting.quorum
        title = meeting.title
    }

    var cells: [String] {
        [IDPrefix.short(id), Output.timestamp(startsAt), kind, status, jurisdiction, "\(present)/\(quorum)", title]
    }
}
