import CoordinationAPI
import PublicSecurityPlugin
import SwiftProtobuf

/// Builders for the public-security plugin's records.
enum PublicSecurityFixtures {
    static let assessment = "coordination.publicsecurity.v1.RiskAssessment"
    static let visit = "coordination.publicsecurity.v1.JointFollowUpVisit"
    static let special = "coordination.publicsecurity.v1.SpecialPopulationEntry"

    static let assessmentFields: Set<String> = [
        "national_id", "patient_name", "risk_level", "assessed_at", "assessing_officer", "diagnosis_detail",
    ]
    static let visitFields: Set<String> = ["national_id", "visit_date", "participating_departments", "outcome", "next_visit"]
    static let specialFields: Set<String> = ["national_id", "name", "category", "registered_at", "criminal_record"]
    static let allFields = [assessment: assessmentFields, visit: visitFields, special: specialFields]

    static func riskAssessment(_ n: Int, level: Int32) -> PublicSecurity_RiskAssessment {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.patientName = "患者\(n)"
            $0.riskLevel = level
            $0.assessedAt = PluginFixtures.date(days: n)
            $0.assessingOfficer = "警号 0\(n)17"
            $0.diagnosisDetail = "family reports schizophrenia, medication stopped"
        }
    }

    static func followUpVisit(_ n: Int) -> PublicSecurity_JointFollowUpVisit {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.visitDate = PluginFixtures.date(days: n)
            $0.participatingDepartments = ["health", "civil-affairs", "political-legal"]
            $0.outcome = "taking medication again; sleeps poorly"
            $0.nextVisit = PluginFixtures.date(days: n + 30)
        }
    }

    static func specialPopulation(_ n: Int) -> PublicSecurity_SpecialPopulationEntry {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.name = "人员\(n)"
            $0.category = .releasedPrisoner
            $0.registeredAt = PluginFixtures.date(days: n)
            $0.criminalRecord = "2019 theft, 3 years"
        }
    }

    static func publish(_ message: some SwiftProtobuf.Message, _ id: String) throws -> Sharing_PublishRequest {
        try PluginFixtures.request(message, id: "public-security-\(id)")
    }
}
