import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import Synchronization

extension TestServer {
    /// Meeting calls as `credentials`.
    func meetings<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Meetings_MeetingService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Meetings_MeetingService.Client(wrapping: $0)) }
    }

    /// Creates a meeting as a coordinator of health and returns its id.
    func createMeeting(_ request: Meetings_CreateMeetingRequest) async throws -> String {
        try await meetings(try person(.coordinator, of: "health")) { try await $0.createMeeting(request) }.meetingID
    }

    /// Creates, gives one agenda item presented by the first invitee, and convenes a meeting.
    func convenedMeeting(_ request: Meetings_CreateMeetingRequest) async throws -> String {
        let id = try await createMeeting(request)
        try await meetings(try person(.coordinator, of: "health")) { client in
            _ = try await client.addAgendaItem(.with {
                $0.meetingID = id
                $0.title = "Situation report"
                $0.presentingDepartment = request.invitees[0].departmentCode
            })
            _ = try await client.convene(.with { $0.meetingID = id })
        }
        return id
    }

    /// Checks `departments` in with their own system certificates.
    func checkIn(_ departments: [String], to meetingID: String) async throws {
        for department in departments {
            _ = try await meetings(try system(department)) { try await $0.checkIn(.with { $0.meetingID = meetingID }) }
        }
    }
}

/// Builders for meeting requests.
enum MeetingFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func create(
        _ kind: Meetings_MeetingKind = .joint, title: String = "联席会议 Q4", jurisdiction: String = "demo-county",
        invite: [String] = ["health", "education", "civil-affairs"], leads: Set<String> = [], quorum: Int32 = 0,
        startsAt: Date = start, subjectNationalID: String = ""
    ) -> Meetings_CreateMeetingRequest {
        .with {
            $0.kind = kind
            $0.title = title
            $0.jurisdictionCode = jurisdiction
            $0.startsAt = Google_Protobuf_Timestamp(date: startsAt)
            $0.invitees = invite.map { code in .with { $0.departmentCode = code; $0.lead = leads.contains(code) } }
            $0.quorum = quorum
            $0.subjectNationalID = subjectNationalID
        }
    }
}

/// Snapshots of a live stream, collected in the background.
final class LiveRecorder: Sendable {
    let snapshots = Mutex<[Meetings_Meeting]>([])

    /// Waits until a snapshot satisfies `condition` (at most `timeout`).
    func wait(
        within timeout: Duration = .seconds(10), for condition: (Meetings_Meeting) -> Bool
    ) async throws -> Meetings_Meeting {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = snapshots.withLock({ $0.last(where: condition) }) { return match }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("no live snapshot matched within \(timeout)")
    }
}
