import ArgumentParser
import CoordinationAPI
import CoordinationClient
import Foundation

/// What an id names, as messages say it.
enum IDKind: String {
    case meeting, task, referral, alert, plan = "work plan"
}

extension ConnectionOptions {
    /// The full id `text` names: itself if it is a whole UUID, otherwise the one id of a `kind`
    /// visible to the caller that starts with it.
    func resolve(_ kind: IDKind, _ text: String) async throws -> String {
        if UUID(uuidString: text) != nil { return text.lowercased() }
        guard text.count >= IDPrefix.minimum, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw ValidationError(tr("the \(Output.word(kind.rawValue)) id must be a UUID or at least its first 4 characters, got '\(text)'"))
        }
        let candidates: [String]
        switch kind {
        case .meeting:
            candidates = try await ids(in: Meetings_MeetingService.self) { service, cursor in
                let page = try await service.listMeetings(.with { $0.pageSize = Pages.size; $0.cursor = cursor })
                return (page.meetings.map(\.meetingID), page.nextCursor)
            }
        case .task:
            candidates = try await ids(in: Tasks_TaskService.self) { service, cursor in
                let page = try await service.listTasks(.with { $0.pageSize = Pages.size; $0.cursor = cursor })
                return (page.tasks.map(\.taskID), page.nextCursor)
            }
        case .plan:
            candidates = try await ids(in: Tasks_TaskService.self) { service, cursor in
                let page = try await service.listWorkPlans(.with { $0.pageSize = Pages.size; $0.cursor = cursor })
                return (page.plans.map(\.workPlanID), page.nextCursor)
            }
        case .referral:
            candidates = try await ids(in: Referrals_ReferralService.self) { service, cursor in
                let page = try await service.listReferrals(.with { $0.pageSize = Pages.size; $0.cursor = cursor })
                return (page.referrals.map(\.referralID), page.nextCursor)
            }
        case .alert:
            candidates = try await ids(in: Alerts_AlertService.self) { service, cursor in
                let page = try await service.listAlerts(.with { $0.pageSize = Pages.size; $0.cursor = cursor })
                return (page.alerts.map(\.alertID), page.nextCursor)
            }
        }
        switch IDPrefix.match(text, among: candidates) {
        case .unique(let id): return id
        case .none: throw CLIError(tr("no \(Output.word(kind.rawValue)) you may see has an id starting with '\(text)'"))
        case .ambiguous(let found):
            let listed = found.prefix(10).joined(separator: ", ") + (found.count > 10 ? ", …" : "")
            throw CLIError(tr("'\(text)' starts the ids of \(Output.count(found.count, kind.rawValue)): \(listed); type more of it"))
        }
    }

    /// Every id a listing of `service` gives, page after page (`page` asks for the one at a cursor).
    private func ids<Service: CLIService>(
        in service: Service.Type,
        _ page: @escaping @Sendable (Service.Connected, String) async throws -> (items: [String], next: String)
    ) async throws -> [String] {
        try await with(service) { client in try await Pages.all { cursor in try await page(client, cursor) } }
    }
}
