import CoordinationAPI
import CoordinationClient
import CoordinationCore
import CoordinationTesting
import Foundation
import GRPCCore
import Testing

/// Departments × record types × purposes × legal bases: the exact fields each sees.
@Suite("View matrix")
struct ViewMatrixTests {
    static let screening = "coordination.education.v1.StudentScreeningReport"
    static let room = "coordination.education.v1.CounsellingRoom"
    static let allScreeningFields: Set<String> = [
        "national_id", "student_name", "school_code", "grade", "screened_at", "instrument", "risk_level",
        "answers", "crisis_summary", "guardian_phone",
    ]
    static let identityAndGeneral: Set<String> = [
        "national_id", "student_name", "school_code", "grade", "screened_at", "instrument", "risk_level",
    ]
    static let roomFields: Set<String> = ["school_code", "school_name", "staffed"]

    /// Who reads, why, on what ground, and what they must see of each type (`nil`: nothing at all).
    struct Case: Sendable, CustomStringConvertible {
        var viewer: String
        var role: Role?
        var purpose: Sharing_Purpose
        var basis: Sharing_LegalBasis
        var screening: Set<String>?
        var room: Set<String>?
        var description: String { "\(role?.rawValue ?? "system") of \(viewer), \(purpose), \(basis)" }
    }

    static let cases: [Case] = [
        // The publisher sees everything, whatever it states.
        Case(viewer: "education", role: nil, purpose: .caseManagement, basis: .statutoryDuty,
             screening: allScreeningFields, room: roomFields),
        Case(viewer: "education", role: .officer, purpose: .riskAssessment, basis: .statutoryDuty,
             screening: allScreeningFields, room: roomFields),
        // Health follows up risk under its duty: identity and general data, no details or contacts.
        Case(viewer: "health", role: nil, purpose: .riskAssessment, basis: .statutoryDuty,
             screening: identityAndGeneral, room: roomFields),
        Case(viewer: "health", role: .coordinator, purpose: .followUp, basis: .statutoryDuty,
             screening: identityAndGeneral, room: roomFields),
        // Health for case management under its duty: no screening view.
        Case(viewer: "health", role: nil, purpose: .caseManagement, basis: .statutoryDuty,
             screening: nil, room: roomFields),
        // Health in a claimed emergency: crisis details and contacts, never the answers.
        Case(viewer: "health", role: .officer, purpose: .caseManagement, basis: .emergency,
             screening: allScreeningFields.subtracting(["answers"]), room: nil),
        // Any department in an emergency response: who, and how to reach the guardian.
        Case(viewer: "civil-affairs", role: .officer, purpose: .emergencyResponse, basis: .emergency,
             screening: identityAndGeneral.union(["guardian_phone"]), room: nil),
        // No view for these duties.
        Case(viewer: "public-security", role: nil, purpose: .riskAssessment, basis: .statutoryDuty,
             screening: nil, room: roomFields),
        Case(viewer: "unions", role: nil, purpose: .caseManagement, basis: .statutoryDuty,
             screening: nil, room: roomFields),
        Case(viewer: "womens-federation", role: .officer, purpose: .referral, basis: .statutoryDuty,
             screening: nil, room: roomFields),
        Case(viewer: "civil-affairs", role: .officer, purpose: .caseManagement, basis: .consent,
             screening: nil, room: nil),
    ]

    @Test("each viewer sees exactly its view; withheld fields are named, never sent")
    func matrix() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let education = try server.system("education")
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.screening(1)) }
            _ = try await server.sharing(education) { try await $0.publish(try Fixtures.counsellingRoom(1)) }

            for testCase in Self.cases {
                let credentials = try testCase.role.map { try server.person($0, of: testCase.viewer) }
                    ?? server.system(testCase.viewer)
                let justification = testCase.basis == .emergency ? "student in crisis at school gate" : ""
                let consent = testCase.basis == .consent ? "consent form 2026-118" : ""
                let records = try await server.sharing(credentials) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(testCase.purpose, testCase.basis, justification: justification, consent: consent)
                    }).records
                }
                for (type, expected, all) in [
                    (Self.screening, testCase.screening, Self.allScreeningFields),
                    (Self.room, testCase.room, Self.roomFields),
                ] {
                    let matching = records.filter { $0.recordType == type }
                    guard let expected else {
                        #expect(matching.isEmpty, "\(testCase): saw \(type)")
                        continue
                    }
                    #expect(matching.count == 1, "\(testCase): \(type)")
                    guard let record = matching.first else { continue }
                    #expect(Set(record.fields.fields.keys) == expected, "\(testCase): \(type)")
                    #expect(Set(record.withheld.map(\.field)) == all.subtracting(expected), "\(testCase): \(type) withheld")
                    #expect(record.withheld.allSatisfy { !$0.reason.isEmpty })
                    #expect((record.subjectPseudonym.isEmpty) == !expected.contains("national_id") || type == Self.room)
                }
            }
        }
    }

    @Test("break-the-glass is refused to systems and administrators, and needs a justification")
    func emergencyClaims() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            let cases: [(ClientCredentials, String, RPCError.Code)] = [
                (try server.system("health"), "a long enough justification", .permissionDenied),
                (try server.person(.administrator, of: "health"), "a long enough justification", .permissionDenied),
                (try server.person(.officer, of: "health"), "short", .invalidArgument),
            ]
            for (credentials, justification, code) in cases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.sharing(credentials) {
                        try await $0.query(.with {
                            $0.context = Fixtures.context(.emergencyResponse, .emergency, justification: justification)
                        })
                    }
                }
                #expect(error?.code == code)
            }
        }
    }

    @Test("active-referral access is refused while no referral is open")
    func noReferralNoAccess() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            _ = try await server.sharing(try server.system("education")) { try await $0.publish(try Fixtures.screening(1)) }
            // Without a referral named, the basis is incomplete.
            let unnamed = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) {
                    try await $0.query(.with { $0.context = Fixtures.context(.referral, .activeReferral) })
                }
            }
            #expect(unnamed?.code == .invalidArgument)
            #expect(unnamed?.message.hasPrefix("context.referral_id:") == true)
            // A referral that does not exist opens nothing.
            let id = UUID().uuidString.lowercased()
            let error = await #expect(throws: RPCError.self) {
                try await server.sharing(try server.system("health")) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.referral, .activeReferral)
                        $0.context.referralID = id
                    })
                }
            }
            #expect(error?.code == .notFound)
            #expect(error?.message == "no referral '\(id)' to health exists")
        }
    }

    @Test("a township sees its own jurisdiction and below, never a sibling's")
    func jurisdictions() async throws {
        try await TestServer.with { server in
            try await server.seedDirectory()
            try await server.directory(try server.pki.admin) { directory in
                for (code, township) in [("health-chengguan", "demo-county.chengguan"), ("health-xinan", "demo-county.xinan")] {
                    _ = try await directory.createDepartment(.with {
                        $0.department = .with {
                            $0.code = code
                            $0.nameZh = "卫生院"
                            $0.nameEn = "Health centre"
                            $0.jurisdictionCode = township
                        }
                    })
                }
            }
            let education = try server.system("education")
            // Counselling rooms are open to every department's duty: only jurisdiction limits them.
            for (n, jurisdiction) in [(1, "demo-county.chengguan.dongmen"), (2, "demo-county.xinan.hetou"), (3, "demo-county")] {
                _ = try await server.sharing(education) { try await $0.publish(try Fixtures.counsellingRoom(n, jurisdiction: jurisdiction)) }
            }

            func visible(to department: String) async throws -> Set<String> {
                let records = try await server.sharing(try server.system(department)) {
                    try await $0.query(.with {
                        $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
                        $0.recordType = Self.room
                    }).records
                }
                return Set(records.map(\.jurisdictionCode))
            }
            #expect(try await visible(to: "health") == ["demo-county.chengguan.dongmen", "demo-county.xinan.hetou", "demo-county"])
            #expect(try await visible(to: "health-chengguan") == ["demo-county.chengguan.dongmen"])
            #expect(try await visible(to: "health-xinan") == ["demo-county.xinan.hetou"])
        }
    }
}
