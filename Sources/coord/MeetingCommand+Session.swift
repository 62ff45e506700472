import ArgumentParser
import CoordinationAPI
import Foundation

/// Attendance and the session: RSVP, check-in, start, agenda, minutes, decisions, votes, close.
extension MeetingCommand {
    struct Rsvp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Answer your department's invitation."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Flag(help: .tr("Will not attend (default: attending).")) var declining = false
        @Option(help: .tr("Who attends for your department.")) var representative: String = ""
        @Option(help: .tr("The representative's role.")) var role: String = ""

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            _ = try await connection.with(Meetings_MeetingService.self) {
                try await $0.rsvp(.with {
                    $0.meetingID = id
                    $0.response = declining ? .declining : .attending
                    $0.representative = .with { $0.name = representative; $0.role = role }
                })
            }
            print(declining ? "declined" : "attending: \(representative)")
        }
    }

    struct CheckIn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkin", abstract: tr("Check your department in, or (coordinators) another with --for."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(name: .customLong("for"), help: .tr("Department to check in (coordinators).")) var department: String = ""

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let meeting = try await connection.with(Meetings_MeetingService.self) {
                try await $0.checkIn(.with { $0.meetingID = id; $0.departmentCode = department })
            }
            print(meeting.quorumMet
                ? tr("checked in; \(Output.count(Int(meeting.present), "department")) present, \(meeting.quorum) needed (quorum met)")
                : tr("checked in; \(Output.count(Int(meeting.present), "department")) present, \(meeting.quorum) needed"))
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Open the session (quorum and lead departments present)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            _ = try await connection.with(Meetings_MeetingService.self) { try await $0.startSession(.with { $0.meetingID = id }) }
            print(tr("in session"))
        }
    }

    struct Item: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Set the agenda item under discussion."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Argument(help: .tr("Agenda position.")) var position: Int32

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let meeting = try await connection.with(Meetings_MeetingService.self) {
                try await $0.setCurrentItem(.with { $0.meetingID = id; $0.position = position })
            }
            print(tr("now: \(position). \(meeting.agenda.first { $0.position == position }?.title ?? "")"))
        }
    }

    struct Minutes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Record the minutes of an agenda item."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Agenda position.")) var item: Int32
        @Option(help: .tr("The minutes.")) var text: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            _ = try await connection.with(Meetings_MeetingService.self) {
                try await $0.recordMinutes(.with { $0.meetingID = id; $0.agendaItem = item; $0.minutes = text })
            }
            print(tr("minutes recorded for item \(item)"))
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Record a decision taken by consensus (for a vote: vote-open, vote, vote-close)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Agenda position.")) var item: Int32
        @Option(help: .tr("The decision's text.")) var consensus: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let decision = try await connection.with(Meetings_MeetingService.self) {
                try await $0.recordConsensus(.with { $0.meetingID = id; $0.agendaItem = item; $0.text = consensus })
            }
            print(tr("decision \(decision.decisionID) adopted"))
        }
    }

    struct VoteOpen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "vote-open", abstract: tr("Put a motion to the vote."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Agenda position.")) var item: Int32
        @Option(help: .tr("The motion.")) var motion: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let decision = try await connection.with(Meetings_MeetingService.self) {
                try await $0.openVote(.with { $0.meetingID = id; $0.agendaItem = item; $0.motion = motion })
            }
            print(tr("vote open: decision \(decision.decisionID)"))
        }
    }

    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Cast your department's vote (once)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Decision id (from vote-open or show).")) var decision: String
        @Option(help: .tr("yes, no or abstain.")) var choice: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let wire: Meetings_VoteChoice
            switch choice {
            case "yes": wire = .yes
            case "no": wire = .no
            case "abstain": wire = .abstain
            default: throw ValidationError(tr("--choice must be yes, no or abstain"))
            }
            let result = try await connection.with(Meetings_MeetingService.self) {
                try await $0.castVote(.with { $0.meetingID = id; $0.decisionID = decision; $0.choice = wire })
            }
            let voted = result.votedDepartments.count
            print(voted == 1
                ? tr("voted \(Output.word(choice)); 1 department has voted")
                : tr("voted \(Output.word(choice)); \(voted) departments have voted"))
        }
    }

    struct VoteClose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "vote-close", abstract: tr("Close a vote and count it."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String
        @Option(help: .tr("Decision id.")) var decision: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            let result = try await connection.with(Meetings_MeetingService.self) {
                try await $0.closeVote(.with { $0.meetingID = id; $0.decisionID = decision })
            }
            print("\(MeetingText.name(result.status)): \(MeetingText.tally(result.tally))")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Close the meeting (minutes on every item, attendance met)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Meeting id.")) var id: String

        func run() async throws {
            let id = try await connection.resolve(.meeting, id)
            _ = try await connection.with(Meetings_MeetingService.self) { try await $0.closeMeeting(.with { $0.meetingID = id }) }
            print(tr("closed"))
        }
    }
}
