import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import Foundation
import GRPCCore
import PluginAPI

/// `coordination.referrals.v1.ReferralService`: service referrals (服务转介) between departments.
///
/// The acting department is always the one in the caller's certificate; the person is stored
/// only as a pseudonym; the urgency default comes from the referring department's plugin.
struct ReferralService: Referrals_ReferralService.SimpleServiceProtocol {
    let store: ReferralStore
    /// The plugins active on the deployment.
    let plugins: ActivePlugins
    private var registry: PluginRegistry { plugins.current }
    let pseudonymizer: Pseudonymizer
    let clock: any CoordinationClock

    func createReferral(
        request: Referrals_CreateReferralRequest, context: ServerContext
    ) async throws -> Referrals_Referral {
        let caller = try context.caller(requiring: .referralsWork)
        var violations: [CoordinationError.Violation] = []
        var pseudonym = ""
        if request.subjectNationalID.isEmpty {
            violations.append(.init(field: "subject_national_id", description: "is required: the person referred"))
        } else {
            do {
                pseudonym = try pseudonymizer.pseudonym(nationalID: request.subjectNationalID, field: "subject_national_id")
            } catch { violations += error.violations }
        }
        var linked: [UUID] = []
        for (index, text) in request.linkedRecordIds.enumerated() {
            if let id = UUID(uuidString: text) {
                linked.append(id)
            } else {
                violations.append(.init(field: "linked_record_ids[\(index)]", description: "'\(text)' is not a record id (a UUID)"))
            }
        }
        var urgency: ReferralUrgency?
        if request.urgency != .unspecified {
            do { urgency = try WireValues.value(request.urgency.rawValue, field: "urgency") as ReferralUrgency } catch {
                violations += error.violations
            }
        }
        let consent: ReferralConsent
        do { consent = try ReferralConsent(request.hasConsent ? request.consent : nil) } catch {
            throw CoordinationError.invalidArguments(violations + error.violations)
        }
        guard violations.isEmpty else { throw CoordinationError.invalidArguments(violations) }
        let draft = ReferralDraft(
            toDepartment: request.toDepartment, subjectPseudonym: pseudonym, reason: request.reason, urgency: urgency,
            linkedRecordIDs: linked, consent: consent)
        try ReferralRules.validate(draft, from: caller.departmentCode)
        let (resolved, defaulted) = try ReferralRules.urgency(
            requested: urgency, from: caller.departmentCode, to: request.toDepartment,
            defaults: registry.referralDefaults(of: caller.departmentCode))
        let referral = try await store.create(draft, urgency: resolved, defaulted: defaulted, by: caller)
        return referral.proto(at: clock.now())
    }

    func getReferral(request: Referrals_GetReferralRequest, context: ServerContext) async throws -> Referrals_ReferralDetail {
        let (caller, id) = try context.caller(requiring: .referralsRead, naming: request.referralID, field: "referral_id")
        let (referral, history) = try await store.detail(id, as: Self.viewer(caller), read: try PartyRead(request, of: caller))
        let now = clock.now()
        return .with {
            $0.referral = referral.proto(at: now)
            $0.history = history.map { $0.proto(in: context.language) }
        }
    }

    func listReferrals(
        request: Referrals_ListReferralsRequest, context: ServerContext
    ) async throws -> Referrals_ListReferralsResponse {
        let caller = try context.caller(requiring: .referralsRead)
        var filter = ReferralStore.Filter()
        switch request.direction {
        case .unspecified: break
        case .incoming: filter.direction = .incoming
        case .outgoing: filter.direction = .outgoing
        case .UNRECOGNIZED:
            throw CoordinationError.invalidArgument(field: "direction", "must be incoming, outgoing or unspecified (both)")
        }
        if request.status != .unspecified {
            filter.status = try WireValues.value(request.status.rawValue, field: "status") as ReferralStatus
        }
        filter.limit = try PageSize.limit(request.pageSize)
        filter.after = try StreamCursor.referrals.decodeID(request.cursor)
        let (found, more) = try await store.list(filter, as: Self.viewer(caller), read: try PartyRead(request, of: caller))
        let now = clock.now()
        return .with {
            $0.referrals = found.map { $0.proto(at: now) }
            if more, let last = found.last { $0.nextCursor = StreamCursor.referrals.encode(id: last.id) }
        }
    }

    func acceptReferral(request: Referrals_AcceptReferralRequest, context: ServerContext) async throws -> Referrals_Referral {
        let (caller, id) = try context.caller(requiring: .referralsWork, naming: request.referralID, field: "referral_id")
        return try await store.accept(id, note: request.note, by: caller).proto(at: clock.now())
    }

    func declineReferral(request: Referrals_DeclineReferralRequest, context: ServerContext) async throws -> Referrals_Referral {
        let (caller, id) = try context.caller(requiring: .referralsWork, naming: request.referralID, field: "referral_id")
        return try await store.decline(id, reason: request.reason, by: caller).proto(at: clock.now())
    }

    func completeReferral(request: Referrals_CompleteReferralRequest, context: ServerContext) async throws -> Referrals_Referral {
        let (caller, id) = try context.caller(requiring: .referralsWork, naming: request.referralID, field: "referral_id")
        return try await store.complete(id, outcome: request.outcome, by: caller).proto(at: clock.now())
    }

    func withdrawReferral(request: Referrals_WithdrawReferralRequest, context: ServerContext) async throws -> Referrals_Referral {
        let (caller, id) = try context.caller(requiring: .referralsWork, naming: request.referralID, field: "referral_id")
        return try await store.withdraw(id, reason: request.reason, by: caller).proto(at: clock.now())
    }

    /// Coordinators see every referral (without personal data unless their department is a
    /// party); everyone else their own department's.
    private static func viewer(_ caller: Caller) -> Reader {
        Reader(caller)
    }
}
