import CoordinationAPI
import CoordinationClient
import CoordinationTesting
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Referral calls as a department, and request builders.
extension TestServer {
    /// Referral calls as `credentials`.
    func referrals<Result: Sendable>(
        _ credentials: ClientCredentials,
        _ body: @Sendable (Referrals_ReferralService.Client<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        try await withClient(credentials) { try await body(Referrals_ReferralService.Client(wrapping: $0)) }
    }

    /// Education publishes the screening of student `n` at `risk` (request id `requestID`);
    /// returns its record id. At risk 3 (crisis) the plugin's routing rule also opens its own
    /// green-channel referral of the student to health; tests of referrals made by hand publish
    /// below it.
    func publishScreening(_ n: Int, risk: Int32 = 3, requestID: String? = nil) async throws -> String {
        try await sharing(try system("education")) {
            try await $0.publish(try Fixtures.screening(n, risk: risk, requestID: requestID))
        }.recordID
    }
}

enum ReferralFixtures {
    static let reason = "student disclosed self-harm thoughts to the school counsellor"

    /// A referral of student `n` to `to`, linking `records`, with consent given.
    static func create(
        _ n: Int, to: String = "health", records: [String] = [], urgency: Referrals_ReferralUrgency = .unspecified,
        consent: Referrals_Consent.OneOf_Kind? = .givenReference("consent form 2026-118")
    ) -> Referrals_CreateReferralRequest {
        .with {
            $0.toDepartment = to
            $0.subjectNationalID = Fixtures.nationalID(n)
            $0.reason = reason
            $0.urgency = urgency
            $0.linkedRecordIds = records
            if let consent { $0.consent = .with { $0.kind = consent } }
        }
    }

    /// A read context under an active referral.
    static func context(_ referral: String) -> Sharing_ReadContext {
        .with {
            $0.purpose = .referral
            $0.legalBasis = .activeReferral
            $0.referralID = referral
        }
    }
}
