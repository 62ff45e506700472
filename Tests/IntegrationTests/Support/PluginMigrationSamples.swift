import CivilAffairsPlugin
import EducationPlugin
import Foundation
import PublicSecurityPlugin
import SwiftProtobuf
import UnionsPlugin
import WomensFederationPlugin

/// Records of every plugin's types, as the server stores them, and what each plugin's reporting
/// views must show of them. Every plugin's views see all of the records, so a view that reads
/// another plugin's records counts them and fails its expectation.
enum PluginMigrationSamples {
    /// One row of `coord.record`: who published what, where, about whom (a pseudonym).
    struct Record: Sendable {
        var publisher: String
        var jurisdiction: String
        var subject: String?
        var message: any SwiftProtobuf.Message

        init(_ publisher: String, about subject: String? = nil, in jurisdiction: String = villageA, _ message: any Message) {
            self.publisher = publisher
            self.jurisdiction = jurisdiction
            self.subject = subject
            self.message = message
        }
    }

    /// Two villages of one township.
    static let township = "county.town"
    static let villageA = "county.town.a"
    static let villageB = "county.town.b"

    /// 02:00 UTC on `day` (`YYYY-MM-DD`): mid-day in China, the same calendar month everywhere.
    static func at(_ day: String) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: ISO8601DateFormatter().date(from: day + "T02:00:00Z")!)
    }

    static let records: [Record] = education + unions + civilAffairs + publicSecurity + womensFederation

    static let education: [Record] = [
        screening("p1", school: "s1", on: "2026-03-15", risk: 3),
        screening("p2", school: "s1", on: "2026-03-20", risk: 0),
        screening("p1", school: "s1", on: "2026-03-25", risk: 3),
        screening("p3", school: "s2", on: "2026-04-02", risk: 1),
        room("s1", staffed: true),
        room("s1", staffed: false),  // republished: the latest says unstaffed
        room("s2", staffed: true),
    ]

    static func screening(_ student: String, school: String, on day: String, risk: Int32) -> Record {
        Record("education", about: student, Education_StudentScreeningReport.with {
            $0.nationalID = "id-\(student)"
            $0.schoolCode = school
            $0.screenedAt = at(day)
            $0.riskLevel = risk
            $0.crisisSummary = risk == 3 ? "crisis" : ""
        })
    }

    static func room(_ school: String, staffed: Bool) -> Record {
        Record("education", Education_CounsellingRoom.with {
            $0.schoolCode = school
            $0.staffed = staffed
        })
    }

    static let unions: [Record] = [
        Record("unions", Unions_EapEnrolment.with {
            $0.organisationCode = "o1"
            $0.employeesCovered = 40
        }),
        Record("unions", Unions_HeartStation.with { $0.organisationCode = "o1" }),
        Record("unions", Unions_HeartStation.with { $0.organisationCode = "o2" }),
        Record("unions", in: villageB, Unions_EapEnrolment.with { $0.organisationCode = "o3" }),
        followUp("e1", .mild, on: "2026-03-10"),
        followUp("e2", .severe, on: "2026-03-11"),
        followUp("e2", .severe, on: "2026-03-30"),
    ]

    static func followUp(_ employee: String, _ result: Unions_AssessmentResult, on day: String) -> Record {
        Record("unions", about: employee, Unions_AssessmentFollowUp.with {
            $0.nationalID = "id-\(employee)"
            $0.organisationCode = "o1"
            $0.assessedAt = at(day)
            $0.resultLevel = result
        })
    }

    static let civilAffairs: [Record] = [
        communityRoom("c1", .counselling, staffed: true),
        communityRoom("c1", .socialWork, staffed: false),
        communityRoom("c2", .counselling, staffed: false),
        communityRoom("c2", .counselling, staffed: true),  // republished: the latest says staffed
        enrolment("p7", attendance: 80),
        enrolment("p8", attendance: 0),  // proto3 JSON leaves the 0 out
        enrolment("p7", attendance: 90),  // re-enrolled: the latest counts, once
        Record("civil-affairs", about: "p9", CivilAffairs_VulnerablePerson.with {
            $0.nationalID = "id-p9"
            $0.category = .elderlyLivingAlone
        }),
    ]

    static func communityRoom(_ community: String, _ type: CivilAffairs_RoomType, staffed: Bool) -> Record {
        Record("civil-affairs", CivilAffairs_CommunityRoom.with {
            $0.communityCode = community
            $0.roomType = type
            $0.staffed = staffed
        })
    }

    static func enrolment(_ patient: String, attendance: Int32) -> Record {
        Record("civil-affairs", about: patient, CivilAffairs_RehabilitationEnrolment.with {
            $0.nationalID = "id-\(patient)"
            $0.communityCode = "c1"
            $0.attendance = attendance
        })
    }

    static let publicSecurity: [Record] = [
        assessment("pa", level: 4, on: "2026-03-05", in: villageA),
        assessment("pa", level: 2, on: "2026-04-01", in: villageB),  // moved and calmer: counted there now
        assessment("pb", level: 5, on: "2026-03-20", in: villageA),
        assessment("pc", level: 0, on: "2026-03-21", in: villageA),
        Record("public-security", about: "pa", PublicSecurity_JointFollowUpVisit.with {
            $0.nationalID = "id-pa"
            $0.visitDate = at("2026-03-06")
            $0.participatingDepartments = ["health"]
        }),
    ]

    static func assessment(_ patient: String, level: Int32, on day: String, in village: String) -> Record {
        Record("public-security", about: patient, in: village, PublicSecurity_RiskAssessment.with {
            $0.nationalID = "id-\(patient)"
            $0.riskLevel = level
            $0.assessedAt = at(day)
        })
    }

    static let womensFederation: [Record] = [
        victimCase("v1", .domesticViolence, .open),
        victimCase("v1", .domesticViolence, .inCounselling),  // the latest status counts
        victimCase("v2", .sexualAssault, .sheltered),
        session("k1", .marriage, on: "2026-03-10"),
        session("k1", .marriage, on: "2026-03-17"),
        session("k2", .leftBehind, on: "2026-03-12"),
    ]

    static func victimCase(
        _ victim: String, _ type: WomensFederation_VictimCaseType, _ status: WomensFederation_SupportStatus
    ) -> Record {
        Record("womens-federation", about: victim, WomensFederation_VictimSupportCase.with {
            $0.nationalID = "id-\(victim)"
            $0.caseType = type
            $0.supportStatus = status
            $0.currentLocation = "shelter"
        })
    }

    static func session(_ client: String, _ topic: WomensFederation_CounsellingTopic, on day: String) -> Record {
        Record("womens-federation", about: client, WomensFederation_FamilyCounsellingSession.with {
            $0.nationalID = "id-\(client)"
            $0.topic = topic
            $0.heldAt = at(day)
        })
    }

    /// Plugin id → view → its rows as `row_to_json` text, in text order.
    static let expected: [String: [String: [String]]] = [
        "education": [
            "screenings_by_school_month": [
                #"{"jurisdiction_code":"county.town.a","school_code":"s1","month":"2026-03","screenings":3,"crisis_screenings":2,"students_in_crisis":1}"#,
                #"{"jurisdiction_code":"county.town.a","school_code":"s2","month":"2026-04","screenings":1,"crisis_screenings":0,"students_in_crisis":0}"#,
            ],
            "counselling_rooms_by_jurisdiction": [
                #"{"jurisdiction_code":"county.town.a","schools_with_room":2,"staffed_rooms":1}"#,
            ],
        ],
        "unions": [
            "organisation_services": [
                #"{"jurisdiction_code":"county.town.a","organisation_code":"o1","has_eap":true,"has_heart_station":true}"#,
                #"{"jurisdiction_code":"county.town.a","organisation_code":"o2","has_eap":false,"has_heart_station":true}"#,
                #"{"jurisdiction_code":"county.town.b","organisation_code":"o3","has_eap":true,"has_heart_station":false}"#,
            ],
            "follow_ups_by_result_month": [
                #"{"jurisdiction_code":"county.town.a","month":"2026-03","result_level":"mild","follow_ups":1,"employees":1}"#,
                #"{"jurisdiction_code":"county.town.a","month":"2026-03","result_level":"severe","follow_ups":2,"employees":1}"#,
            ],
        ],
        "civil-affairs": [
            "rooms_by_community": [
                #"{"jurisdiction_code":"county.town.a","community_code":"c1","has_counselling_room":true,"has_social_work_room":true,"staffed":true}"#,
                #"{"jurisdiction_code":"county.town.a","community_code":"c2","has_counselling_room":true,"has_social_work_room":false,"staffed":true}"#,
            ],
            "rehabilitation_by_community": [
                #"{"jurisdiction_code":"county.town.a","community_code":"c1","patients_enrolled":2,"average_attendance":45}"#,
            ],
        ],
        "public-security": [
            "assessments_by_level_month": [
                #"{"jurisdiction_code":"county.town.a","month":"2026-03","risk_level":0,"assessments":1,"patients":1}"#,
                #"{"jurisdiction_code":"county.town.a","month":"2026-03","risk_level":4,"assessments":1,"patients":1}"#,
                #"{"jurisdiction_code":"county.town.a","month":"2026-03","risk_level":5,"assessments":1,"patients":1}"#,
                #"{"jurisdiction_code":"county.town.b","month":"2026-04","risk_level":2,"assessments":1,"patients":1}"#,
            ],
            "patients_by_current_level": [
                #"{"jurisdiction_code":"county.town.a","risk_level":0,"patients":1}"#,
                #"{"jurisdiction_code":"county.town.a","risk_level":5,"patients":1}"#,
                #"{"jurisdiction_code":"county.town.b","risk_level":2,"patients":1}"#,
            ],
        ],
        "womens-federation": [
            "cases_by_type_and_status": [
                #"{"jurisdiction_code":"county.town.a","case_type":"domestic-violence","support_status":"in-counselling","cases":1}"#,
                #"{"jurisdiction_code":"county.town.a","case_type":"sexual-assault","support_status":"sheltered","cases":1}"#,
            ],
            "counselling_sessions_by_topic_month": [
                #"{"jurisdiction_code":"county.town.a","topic":"left-behind","month":"2026-03","sessions":1,"clients":1}"#,
                #"{"jurisdiction_code":"county.town.a","topic":"marriage","month":"2026-03","sessions":2,"clients":1}"#,
            ],
        ],
    ]
}
