import CivilAffairsPlugin
import CoordinationCore
import EducationPlugin
import Foundation
import PluginAPI
import SwiftProtobuf
import Testing
import UnionsPlugin

/// The rules and declared views of the trade unions and civil affairs plugins, without a server.
@Suite("Unions and civil affairs plugin rules")
struct UnionsAndCivilAffairsRulesTests {
    static let registry = Result { try PluginRegistry([EducationPlugin(), UnionsPlugin(), CivilAffairsPlugin()]) }

    func declaration(_ name: String) throws -> (type: RecordTypeDeclaration, owner: PluginManifest) {
        try #require(try Self.registry.get().recordType(named: name))
    }

    func violations(_ message: any SwiftProtobuf.Message) throws -> Set<String> {
        Set(try declaration(type(of: message).protoMessageName).type.validate(message).map(\.field))
    }

    @Test("each record type belongs to its department's plugin")
    func ownership() throws {
        for (name, department) in [
            ("coordination.unions.v1.EapEnrolment", "unions"),
            ("coordination.unions.v1.HeartStation", "unions"),
            ("coordination.unions.v1.AssessmentFollowUp", "unions"),
            ("coordination.civilaffairs.v1.CommunityRoom", "civil-affairs"),
            ("coordination.civilaffairs.v1.RehabilitationEnrolment", "civil-affairs"),
            ("coordination.civilaffairs.v1.VulnerablePerson", "civil-affairs"),
        ] {
            #expect(try declaration(name).owner.departmentCode == department, "\(name)")
        }
    }

    @Test("an employee's follow-up is seen by health alone, never with the telephone")
    func followUpViews() throws {
        let views = try declaration("coordination.unions.v1.AssessmentFollowUp").type.views
        #expect(views.flatMap(\.viewers) == ["health"])
        #expect(views.allSatisfy { !$0.sensitivities.contains(.contact) })
    }

    @Test("a vulnerable person's address and guardian contact are disclosed only in emergencies")
    func vulnerableViews() throws {
        let views = try declaration("coordination.civilaffairs.v1.VulnerablePerson").type.views
        let disclosing = views.filter { !$0.sensitivities.isDisjoint(with: [.contact, .location]) }
        #expect(disclosing.count == 1)
        #expect(disclosing.allSatisfy { $0.purposes == [.emergencyResponse] && $0.legalBases == [.emergency] })
    }

    @Test("public security sees rehabilitation enrolments only for follow-up, never health detail")
    func rehabilitationViews() throws {
        let views = try declaration("coordination.civilaffairs.v1.RehabilitationEnrolment").type.views
            .filter { $0.admits("public-security") }
        #expect(views.count == 1)
        #expect(views.allSatisfy { $0.purposes == [.followUp] && !$0.sensitivities.contains(.health) })
    }

    @Test("validation names every violated field, and valid records pass")
    func validation() throws {
        let date = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1_790_000_000))
        var followUp = Unions_AssessmentFollowUp.with {
            $0.nationalID = "110105200701010015"
            $0.organisationCode = "org-1"
            $0.assessedAt = date
            $0.resultLevel = .severe
            $0.followUpActions = ["priority intervention"]
        }
        #expect(try violations(followUp).isEmpty)
        followUp.resultLevel = .unspecified
        followUp.followUpActions = [" "]
        #expect(try violations(followUp) == ["result_level", "follow_up_actions"])

        var person = CivilAffairs_VulnerablePerson.with {
            $0.nationalID = "110105200701010015"
            $0.personName = "张某"
            $0.category = .elderlyLivingAlone
            $0.address = "东门社区3栋"
        }
        #expect(try violations(person).isEmpty)
        person.category = .leftBehindChild
        #expect(try violations(person) == ["guardian_contact"])
        person.category = .unspecified
        person.address = ""
        #expect(try violations(person) == ["category", "address"])

        let enrolment = CivilAffairs_RehabilitationEnrolment.with {
            $0.nationalID = "110105200701010015"
            $0.attendance = -1
        }
        #expect(try violations(enrolment) == ["community_code", "enrolled_at", "programme", "attendance"])
        #expect(try violations(Unions_EapEnrolment()) == ["organisation_code", "employees_covered", "provider", "started_at"])
        #expect(try violations(CivilAffairs_CommunityRoom()) == ["community_code", "room_type", "opened_at"])
    }
}
