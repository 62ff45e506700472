import PluginAPI
import SwiftProtobuf

/// The civil affairs plugin: community counselling and social-work rooms, community mental
/// rehabilitation, and vulnerable people such as elderly people living alone and left-behind
/// children (BRIEF.md, "What each first-wave department does", Civil affairs; seeds
/// 000 §五(三), 003 §9, §13).
///
/// The records feed the indicators `community-counselling-rooms` (≥20% / 50% / 80% of
/// villages and communities by 2019 / 2020 / 2021; 001, 004 附件3 (六)) and
/// `community-rehabilitation` (≥75% of home patients; 002 §二 13). See
/// `Plugins/CivilAffairs/README.md` for who sees what.
public struct CivilAffairsPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "civil-affairs",
        version: "0.1.0",
        departmentCode: "civil-affairs",
        displayName: "Civil affairs (民政)",
        recordTypes: [CivilAffairsPlugin.communityRoom, CivilAffairsPlugin.rehabilitation, CivilAffairsPlugin.vulnerablePerson],
        routingRules: CivilAffairsPlugin.routingRules,
        indicators: CivilAffairsPlugin.indicators,
        migrations: CivilAffairsPlugin.migrations
    )

    /// Community counselling and social-work rooms: no personal data, open to every
    /// department's duties (003 §13; indicator 004 附件3 (六)).
    static let communityRoom = RecordTypeDeclaration(
        messageType: CivilAffairs_CommunityRoom.self,
        description: "A community's counselling or social-work room"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §五(十三);"
            + " indicator: Zichuan plan 《淄川区社会心理服务体系建设试点工作实施方案》 附件3(六)).",
        fields: [
            FieldDeclaration("community_code", .general),
            FieldDeclaration("room_type", .general),
            FieldDeclaration("staffed", .general),
            FieldDeclaration("opened_at", .general),
        ],
        views: [
            ViewGrant(
                viewers: ["*"], purposes: Set(Purpose.allCases), legalBases: [.statutoryDuty], sensitivities: [.general]),
        ],
        validate: { message in
            guard let room = message as? CivilAffairs_CommunityRoom else { return [] }
            return [
                .required("community_code", missing: room.communityCode.isEmpty),
                .unless([.counselling, .socialWork].contains(room.roomType), "room_type", "must be counselling or social-work"),
                .required("opened_at", missing: !room.hasOpenedAt),
            ].compactMap { $0 }
        }
    )

    /// Community rehabilitation of home patients (000 §五(三); 002 §二 13). Health, which
    /// manages the patients, sees who and how the rehabilitation goes, for case management
    /// and follow-up; public security joins the follow-up visits (联合随访, 000 §四(四)) and
    /// sees who is enrolled where — never the programme or the attendance.
    static let rehabilitation = RecordTypeDeclaration(
        messageType: CivilAffairs_RehabilitationEnrolment.self,
        description: "A home patient's enrolment in community rehabilitation"
            + " (Sichuan guidance 《四川省社会心理服务工作指导意见》 §五(三);"
            + " indicator: Changning plan 《长宁区关于全国社会心理服务体系建设试点工作方案》 §二(二)13).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("patient_name", .identity),
            FieldDeclaration("community_code", .general),
            FieldDeclaration("enrolled_at", .general),
            FieldDeclaration("programme", .health),
            FieldDeclaration("attendance", .health),
        ],
        views: [
            ViewGrant(
                viewers: ["health"], purposes: [.caseManagement, .followUp], legalBases: [.statutoryDuty],
                sensitivities: [.identity, .general, .health]),
            ViewGrant(
                viewers: ["public-security"], purposes: [.followUp], legalBases: [.statutoryDuty],
                sensitivities: [.identity, .general]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let enrolment = message as? CivilAffairs_RehabilitationEnrolment else { return [] }
            return [
                .required("national_id", missing: enrolment.nationalID.isEmpty),
                .required("community_code", missing: enrolment.communityCode.isEmpty),
                .required("enrolled_at", missing: !enrolment.hasEnrolledAt),
                .required("programme", missing: enrolment.programme.isEmpty),
                .unless((0...100).contains(enrolment.attendance), "attendance", "must be a percentage from 0 to 100"),
            ].compactMap { $0 }
        }
    )

    /// Vulnerable people: elderly people living alone, left-behind children, families in
    /// hardship (003 §9). Where they live and how to reach their guardian is disclosed only
    /// to a department handling a claimed emergency; health and the women's federation
    /// (left-behind women and children, 003 §9) see who is in which group for their case
    /// management and follow-up.
    static let vulnerablePerson = RecordTypeDeclaration(
        messageType: CivilAffairs_VulnerablePerson.self,
        description: "A vulnerable person the community looks after: elderly living alone, left-behind child"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(九)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("person_name", .identity),
            FieldDeclaration("category", .general),
            FieldDeclaration("guardian_contact", .contact),
            FieldDeclaration("address", .location),
        ],
        views: [
            ViewGrant(
                viewers: ["*"], purposes: [.emergencyResponse], legalBases: [.emergency],
                sensitivities: [.identity, .general, .contact, .location]),
            ViewGrant(
                viewers: ["health", "womens-federation"], purposes: [.caseManagement, .followUp],
                legalBases: [.statutoryDuty, .consent], sensitivities: [.identity, .general]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let person = message as? CivilAffairs_VulnerablePerson else { return [] }
            return [
                .required("national_id", missing: person.nationalID.isEmpty),
                .required("person_name", missing: person.personName.isEmpty),
                .unless(
                    [.elderlyLivingAlone, .leftBehindChild, .familyInHardship].contains(person.category), "category",
                    "must be elderly-living-alone, left-behind-child or family-in-hardship"),
                .unless(
                    person.category != .leftBehindChild || !person.guardianContact.isEmpty, "guardian_contact",
                    "is required for a left-behind child"),
                .unless(!person.address.isEmpty, "address", "is required: responders must be able to find the person"),
            ].compactMap { $0 }
        }
    )
}
