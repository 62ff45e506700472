import CoordinationAPI
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
        var referralID: UUID?
        if !proto.referralID.isEmpty {
            guard let id = UUID(uuidString: proto.referralID) else {
                throw .invalidArgument(field: "\(field).referral_id", "'\(proto.referralID)' is not a referral id (a UUID)")
            }
            referralID = id
        }
        self.init(
            caller: caller, purpose: purpose, legalBasis: basis,
            consentReference: proto.consentReference.isEmpty ? nil : proto.consentReference,
            justification: proto.justification.isEmpty ? nil : proto.justification, referralID: referralID)
    }
}
