import CoordinationAPI
import SwiftProtobuf
import WomensFederationPlugin

/// Builders for the women's federation plugin's records.
enum WomensFederationFixtures {
    static let support = "coordination.womensfederation.v1.VictimSupportCase"
    static let session = "coordination.womensfederation.v1.FamilyCounsellingSession"

    static let supportFields: Set<String> = [
        "national_id", "victim_name", "case_type", "support_status", "opened_at", "counselling_notes",
        "current_location", "contact_phone",
    ]
    static let sessionFields: Set<String> = ["national_id", "client_name", "topic", "held_at", "counsellor", "notes"]
    static let allFields = [support: supportFields, session: sessionFields]

    static func supportCase(_ n: Int) -> WomensFederation_VictimSupportCase {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.victimName = "妇女\(n)"
            $0.caseType = .domesticViolence
            $0.supportStatus = .sheltered
            $0.openedAt = PluginFixtures.date(days: n)
            $0.counsellingNotes = "nightmares, fear of returning home"
            $0.currentLocation = "县妇女儿童庇护中心 2号房"
            $0.contactPhone = "137-0000-\(String(format: "%04d", n))"
        }
    }

    static func counsellingSession(_ n: Int) -> WomensFederation_FamilyCounsellingSession {
        .with {
            $0.nationalID = Fixtures.nationalID(n)
            $0.clientName = "妇女\(n)"
            $0.topic = .marriage
            $0.heldAt = PluginFixtures.date(days: n)
            $0.counsellor = "李老师"
            $0.notes = "conflict over child care; agreed to a second session"
        }
    }

    static func publish(_ message: some SwiftProtobuf.Message, _ id: String) throws -> Sharing_PublishRequest {
        try PluginFixtures.request(message, id: "womens-federation-\(id)")
    }
}
