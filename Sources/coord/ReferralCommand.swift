import ArgumentParser
import CoordinationAPI
import CoordinationClient
import CoordinationCore
import Foundation
import PluginAPI

/// `coord referral`: service referrals (服务转介) between departments.
struct ReferralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral",
        abstract: tr("Service referrals (服务转介): refer a person to another department, accept, decline, complete, withdraw."),
        discussion: tr("While a referral is open, the receiving department reads its linked records with `coord record query --purpose referral --basis active-referral --referral ID`."),
        subcommands: [Create.self, List.self, Show.self, Accept.self, Decline.self, Complete.self, Withdraw.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Refer a person to another department (department systems and officers)."))
        @Option(help: .tr("The receiving department's code.")) var to: String
        @Option(help: .tr("The person's national ID number (only its pseudonym is stored).")) var subject: String
        @Option(help: .tr("Why the person is referred (shown to the parties only).")) var reason: String
        @Option(help: .tr("emergency, urgent or routine (default: your plugin's default for the receiver, if any)."))
        var urgency: String?
        @Option(name: .customLong("record"), help: .tr("A record your department published about the person; repeat."))
        var records: [String] = []
        @Option(help: .tr("Consent given: where it is recorded.")) var consent: String?
        @Option(help: .tr("Consent not required: the legal basis (e.g. a statute).")) var consentNotRequired: String?
        @Option(help: .tr("Emergency override of consent: the justification (at least 10 characters).")) var emergencyOverride: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var created: CreatedOutput
        @Flag(help: .tr("Print JSON.")) var json = false

        func validate() throws {
            guard [consent, consentNotRequired, emergencyOverride].compactMap({ $0 }).count == 1 else {
                throw ValidationError(tr("state exactly one of --consent REF, --consent-not-required BASIS, --emergency-override WHY"))
            }
        }

        func run() async throws {
            let request = try Referrals_CreateReferralRequest.with {
                $0.toDepartment = to
                $0.subjectNationalID = subject
                $0.reason = reason
                if let urgency { $0.urgency = try TaskArguments.value(urgency, ReferralUrgency.self, option: "--urgency") }
                $0.linkedRecordIds = records
                $0.consent = .with {
                    if let consent { $0.givenReference = consent }
                    if let consentNotRequired { $0.notRequiredBasis = consentNotRequired }
                    if let emergencyOverride { $0.emergencyJustification = emergencyOverride }
                }
            }
            let referral = try await connection.with(Referrals_ReferralService.self) { service in
                try await service.createReferral(request)
            }
            let row = ReferralRow(referral)
            if json { return try Output.json(row) }
            created.report(id: row.id, referral.urgencyDefaulted
                ? tr("created referral \(row.id) to \(row.to): \(Output.word(row.urgency)) (plugin default), accept by \(Output.timestamp(row.acceptBy))")
                : tr("created referral \(row.id) to \(row.to): \(Output.word(row.urgency)), accept by \(Output.timestamp(row.acceptBy))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List referrals, newest first: your department's; coordinators see all, without personal data."))
        @Option(help: .tr("incoming or outgoing (default: both).")) var direction: String?
        @Option(help: .tr("pending, accepted, declined, completed or withdrawn.")) var status: String?
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let request = try Referrals_ListReferralsRequest.with {
                switch direction {
                case nil: break
                case "incoming"?: $0.direction = .incoming
                case "outgoing"?: $0.direction = .outgoing
                case let other?: throw ValidationError(tr("--direction must be incoming or outgoing, got '\(other)'"))
                }
                if let status { $0.status = try TaskArguments.value(status, ReferralStatus.self, option: "--status") }
            }
            let referrals = try await connection.with(Referrals_ReferralService.self) { service in
                try await Pages.all { cursor in
                    var paged = request
                    (paged.pageSize, paged.cursor) = (Pages.size, cursor)
                    let page = try await service.listReferrals(paged)
                    return (page.referrals, page.nextCursor)
                }
            }
            let rows = referrals.map(ReferralRow.init)
            if json { return try Output.json(rows) }
            Output.table(ReferralRow.headers, rows.map(\.cells))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("One referral and its history."))
        @Argument(help: .tr("The referral's id.")) var id: String
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        struct Detail: Encodable {
            struct Event: Encodable {
                var sequence: Int64, kind: String, department: String?, actor: String, detail: String, at: Date
            }
            var referral: ReferralRow
            var history: [Event]
        }

        func run() async throws {
            let id = try await connection.resolve(.referral, id)
            let detail = try await connection.with(Referrals_ReferralService.self) { [id] service in
                try await service.getReferral(.with { $0.referralID = id })
            }
            let output = Detail(referral: ReferralRow(detail.referral), history: detail.history.map {
                .init(
                    sequence: $0.sequence, kind: $0.kind, department: $0.departmentCode.isEmpty ? nil : $0.departmentCode,
                    actor: $0.actor, detail: $0.detail, at: $0.at.date)
            })
            if json { return try Output.json(output) }
            let row = output.referral
            print(tr("referral \(row.id): \(row.from) → \(row.to)") + "  [\(Output.word(row.status))\(row.overdue ? ", " + tr("OVERDUE") : "")]")
            print(tr("urgency \(Output.word(row.urgency)); accept by \(Output.timestamp(row.acceptBy)); escalation level \(row.escalationLevel)"))
            print(row.consentText.isEmpty
                ? tr("consent \(Output.word(row.consentKind))")
                : tr("consent \(Output.word(row.consentKind)): \(row.consentText)"))
            if !row.reason.isEmpty { print(tr("reason: \(row.reason)")) }
            if !row.linkedRecordIDs.isEmpty { print(tr("linked records: \(row.linkedRecordIDs.joined(separator: ", "))")) }
            if let record = row.sourceRecordID { print(tr("opened by the routing rule of record \(record)")) }
            if !row.closingNote.isEmpty { print(tr("note: \(row.closingNote)")) }
            print("")
            Output.table(["AT", "EVENT", "BY", "DETAIL"], output.history.map { event in
                [Output.timestamp(event.at), event.kind, event.department.map { "\(event.actor) (\($0))" } ?? event.actor,
                 event.detail]
            })
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Accept a pending referral to your department."))
        @Argument(help: .tr("The referral's id.")) var id: String
        @Option(help: .tr("A note to the referring department (no personal data).")) var note: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.referral, id)
            let referral = try await connection.with(Referrals_ReferralService.self) { [id, note] service in
                try await service.acceptReferral(.with {
                    $0.referralID = id
                    $0.note = note
                })
            }
            print(tr("accepted referral \(referral.referralID) from \(referral.fromDepartment)"))
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Decline a pending referral to your department, with a reason."))
        @Argument(help: .tr("The referral's id.")) var id: String
        @Option(help: .tr("Why your department declines.")) var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.referral, id)
            let referral = try await connection.with(Referrals_ReferralService.self) { [id, reason] service in
                try await service.declineReferral(.with {
                    $0.referralID = id
                    $0.reason = reason
                })
            }
            print(tr("declined referral \(referral.referralID) from \(referral.fromDepartment)"))
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Complete an accepted referral, with its outcome."))
        @Argument(help: .tr("The referral's id.")) var id: String
        @Option(help: .tr("What the service achieved.")) var outcome: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.referral, id)
            let referral = try await connection.with(Referrals_ReferralService.self) { [id, outcome] service in
                try await service.completeReferral(.with {
                    $0.referralID = id
                    $0.outcome = outcome
                })
            }
            print(tr("completed referral \(referral.referralID); access to its linked records has ended"))
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Withdraw a referral your department made."))
        @Argument(help: .tr("The referral's id.")) var id: String
        @Option(help: .tr("Why it is withdrawn.")) var reason: String = ""
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let id = try await connection.resolve(.referral, id)
            let referral = try await connection.with(Referrals_ReferralService.self) { [id, reason] service in
                try await service.withdrawReferral(.with {
                    $0.referralID = id
                    $0.reason = reason
                })
            }
            print(tr("withdrew referral \(referral.referralID) to \(referral.toDepartment)"))
        }
    }
}

/// One referral as the CLI prints it.
struct ReferralRow: Encodable {
    var id: String
    var from: String
    var to: String
    var subjectPseudonym: String
    var reason: String
    var urgency: String
    var urgencyDefaulted: Bool
    var consentKind: String
    var consentText: String
    var linkedRecordIDs: [String]
    /// The record whose routing rule opened the referral.
    var sourceRecordID: String?
    var status: String
    var createdBy: String
    var createdAt: Date
    var acceptBy: Date
    var overdue: Bool
    var escalationLevel: Int32
    var closingNote: String

    init(_ referral: Referrals_Referral) {
        id = referral.referralID
        from = referral.fromDepartment
        to = referral.toDepartment
        subjectPseudonym = referral.subjectPseudonym
        reason = referral.reason
        urgency = TaskArguments.name(referral.urgency, ReferralUrgency.self)
        urgencyDefaulted = referral.urgencyDefaulted
        consentKind = referral.consent.kind
        consentText = referral.consent.text
        linkedRecordIDs = referral.linkedRecordIds
        sourceRecordID = referral.sourceRecordID.isEmpty ? nil : referral.sourceRecordID
        status = TaskArguments.name(referral.status, ReferralStatus.self)
        createdBy = referral.createdBy
        createdAt = referral.createdAt.date
        acceptBy = referral.acceptBy.date
        overdue = referral.overdue
        escalationLevel = referral.escalationLevel
        closingNote = referral.closingNote
    }

    static let headers = ["ID", "FROM", "TO", "URGENCY", "STATUS", "CONSENT", "RECORDS", "ACCEPT BY"]

    /// Pending referrals past their deadline are marked `OVERDUE`.
    var cells: [String] {
        [IDPrefix.short(id), from, to, urgency, status, consentKind, linkedRecordIDs.isEmpty ? "-" : "\(linkedRecordIDs.count)",
         Output.timestamp(acceptBy) + (overdue ? "  OVERDUE" : "")]
    }
}
