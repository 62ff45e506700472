import CoordinationAPI
import CoordinationWire
import CoordinationCore
import Foundation

extension ReadContext {
    /// The read context stated in `proto` for `caller`; purpose and legal basis are required.
    /// `field` prefixes violation paths (e.g. `context.purpose`).
    init(_ proto: Sharing_ReadContext, caller: Caller, field: String = "context") throws(CoordinationError) {
        guard let purpose = proto.purpose.purpose else {
            throw .invalidArgument(field: "\(field).purpose", "is required: state why the records are read")
        }
        guard let basis = proto.legalBasis.legalBasis else {
            throw .invalidArgument(field: "\(field).legal_basis", "is required: state the legal ground for reading")
        }
        let referralID = proto.referralID.isEmpty ? nil : try WireValues.id(proto.referralID, field: "\(field).referral_id")
        self.init(
            caller: caller, purpose: purpose, legalBasis: basis,
            consentReference: proto.consentReference.isEmpty ? nil : proto.consentReference,
            justification: proto.justification.isEmpty ? nil : proto.justification, referralID: referralID)
    }
}

/// A request that may state why the person's data in an alert or a referral is read.
protocol PartyReadRequest {
    var hasContext: Bool { get }
    var context: Sharing_ReadContext { get }
    /// What is read.
    static var object: PartyRead.Object { get }
}

extension PartyRead {
    /// The context `request` states for `caller` (checked), or the default for a party.
    init(_ request: some PartyReadRequest, of caller: Caller) throws(CoordinationError) {
        let stated = request.hasContext ? try ReadContext(request.context, caller: caller) : nil
        try self.init(stated, of: caller, reading: type(of: request).object)
    }
}

extension Alerts_GetAlertRequest: PartyReadRequest { static var object: PartyRead.Object { .alert } }
extension Alerts_ListAlertsRequest: PartyReadRequest { static var object: PartyRead.Object { .alert } }
extension Alerts_WatchRequest: PartyReadRequest { static var object: PartyRead.Object { .alert } }
extension Referrals_GetReferralRequest: PartyReadRequest { static var object: PartyRead.Object { .referral } }
extension Referrals_ListReferralsRequest: PartyReadRequest { static var object: PartyRead.Object { .referral } }
