import CoordinationAPI
import SwiftProtobuf
import UnionsPlugin

/// Builders for the trade unions plugin's records.
enum UnionsFixtures {
    static let eap = "coordination.unions.v1.EapEnrolment"
    static let station = "coordination.unions.v1.HeartStation"
    static let followUp = "coordination.unions.v1.AssessmentFollowUp"

    static let eapFields: Set<String> = ["organisation_code", "organisation_name", "employees_covered", "provider", "started_at"]
    static let stationFields: Set<String> = ["organisation_code", "organisation_name", "location", "staffed", "opened_at"]
    static let followUpFields: Set<String> = [
        "national_id", "employee_name", "organisation_code", "assessed_at", "result_level", "follow_up_actions", "contact_phone",
    ]

    static func eapEnrolment(_ n: Int) -> Unions_EapEnrolment {
        .with {
            $0.organisationCode = "org-\(n)"
            $0.organisationName = "第\(n)机械厂"
            $0.employeesCovered = Int32(100 + n)
            $0.provider = "阳光心理咨询中心"
            $0.startedAt = PluginFixtures.date(days: n)
        }
    }

    static func heartStation(_ n: Int) -> Unions_HeartStation {
        .with {
            $0.organisationCode = "org-\(n)"
            $0.organisationName = "第\(n)机械厂"
            $0.location = "2号楼305室"
            $0.staffed = true
            $0.openedAt = PluginFixtures.date(days: n)
        }
    }

    static func assessmentFollowUp(_ n: Int) -> Unions_AssessmentFollowUp {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.employeeName = "职工\(n)"
            $0.organisationCode = "org-\(n)"
            $0.assessedAt = PluginFixtures.date(days: n)
            $0.resultLevel = .moderate
            $0.followUpActions = ["individual counselling, 6 sessions"]
            $0.contactPhone = "1390000\(String(format: "%04d", n))"
        }
    }

    static func publish(
        _ message: some SwiftProtobuf.Message, _ n: Int, jurisdiction: String = "demo-county.chengguan.dongmen"
    ) throws -> Sharing_PublishRequest {
        try PluginFixtures.request(message, id: "unions-\(type(of: message))-\(n)", jurisdiction: jurisdiction)
    }
}
