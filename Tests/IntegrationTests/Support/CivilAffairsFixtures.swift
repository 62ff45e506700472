import CivilAffairsPlugin
import CoordinationAPI
import SwiftProtobuf

/// Builders for the civil affairs plugin's records.
enum CivilAffairsFixtures {
    static let room = "coordination.civilaffairs.v1.CommunityRoom"
    static let rehabilitation = "coordination.civilaffairs.v1.RehabilitationEnrolment"
    static let vulnerable = "coordination.civilaffairs.v1.VulnerablePerson"

    static let roomFields: Set<String> = ["community_code", "room_type", "staffed", "opened_at"]
    static let rehabilitationFields: Set<String> = [
        "national_id", "patient_name", "community_code", "enrolled_at", "programme", "attendance",
    ]
    static let vulnerableFields: Set<String> = ["national_id", "person_name", "category", "guardian_contact", "address"]

    static func communityRoom(_ n: Int) -> CivilAffairs_CommunityRoom {
        .with {
            $0.communityCode = "demo-county.chengguan.dongmen"
            $0.roomType = n.isMultiple(of: 2) ? .socialWork : .counselling
            $0.staffed = true
            $0.openedAt = PluginFixtures.date(days: n)
        }
    }

    static func rehabilitationEnrolment(_ n: Int) -> CivilAffairs_RehabilitationEnrolment {
        .with {
            $0.nationalID = Fixtures.nationalID(200 + n)
            $0.patientName = "患者\(n)"
            $0.communityCode = "demo-county.chengguan.dongmen"
            $0.enrolledAt = PluginFixtures.date(days: n)
            $0.programme = "occupational therapy"
            $0.attendance = 80
        }
    }

    static func vulnerablePerson(_ n: Int) -> CivilAffairs_VulnerablePerson {
        .with {
            $0.nationalID = Fixtures.nationalID(300 + n)
            $0.personName = "留守儿童\(n)"
            $0.category = .leftBehindChild
            $0.guardianContact = "1370000\(String(format: "%04d", n))"
            $0.address = "东门社区3栋\(n)号"
        }
    }

    static func publish(_ message: some SwiftProtobuf.Message, _ n: Int) throws -> Sharing_PublishRequest {
        try PluginFixtures.request(message, id: "civil-affairs-\(type(of: message))-\(n)")
    }
}
