import CoordinationAPI
import PluginAPI

/// The one mapping between the wire enums and the privacy vocabulary of ``PluginAPI``.
extension Sharing_Purpose {
    /// The wire value for `purpose`.
    public init(_ purpose: Purpose) {
        switch purpose {
        case .caseManagement: self = .caseManagement
        case .riskAssessment: self = .riskAssessment
        case .followUp: self = .followUp
        case .emergencyResponse: self = .emergencyResponse
        case .referral: self = .referral
        }
    }

    /// The purpose, or `nil` when unspecified or unknown.
    public var purpose: Purpose? { Purpose.allCases.first { Sharing_Purpose($0) == self } }
}

extension Sharing_LegalBasis {
    /// The wire value for `basis`.
    public init(_ basis: LegalBasis) {
        switch basis {
        case .statutoryDuty: self = .statutoryDuty
        case .consent: self = .consent
        case .activeReferral: self = .activeReferral
        case .emergency: self = .emergency
        }
    }

    /// The legal basis, or `nil` when unspecified or unknown.
    public var legalBasis: LegalBasis? { LegalBasis.allCases.first { Sharing_LegalBasis($0) == self } }
}
