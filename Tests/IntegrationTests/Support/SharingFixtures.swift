import CoordinationAPI
import CoordinationCore
import CoordinationTesting
import EducationPlugin
import Foundation
import SwiftProtobuf

/// Builders for the records the tests publish.
enum Fixtures {
    /// A valid national ID number derived from `n`.
    static func nationalID(_ n: Int) -> String {
        NationalID.withCheckCharacter("11010520070101" + String(format: "%03d", n % 1000))
    }

    static func screening(
        _ n: Int, risk: Int32 = 3, jurisdiction: String = "demo-county.chengguan.dongmen", requestID: String? = nil
    ) throws -> Sharing_PublishRequest {
        let report = Education_StudentScreeningReport.with {
            $0.nationalID = nationalID(n)
            $0.studentName = "学生\(n)"
            $0.schoolCode = "school-\(n % 3)"
            $0.grade = "8"
            $0.screenedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1_790_000_000))
            $0.instrument = "SCL-90"
            $0.riskLevel = risk
            $0.answers = ["q1": "often", "q2": "never"]
            $0.crisisSummary = risk == 3 ? "self-harm risk disclosed to counsellor" : ""
            $0.guardianPhone = "1380000\(String(format: "%04d", n))"
        }
        return try .with {
            $0.requestID = requestID ?? "screening-\(n)"
            $0.jurisdictionCode = jurisdiction
            $0.record = try Google_Protobuf_Any(message: report)
        }
    }

    static func counsellingRoom(_ n: Int, jurisdiction: String = "demo-county") throws -> Sharing_PublishRequest {
        try .with {
            $0.requestID = "room-\(n)"
            $0.jurisdictionCode = jurisdiction
            $0.record = try Google_Protobuf_Any(message: Education_CounsellingRoom.with {
                $0.schoolCode = "school-\(n)"
                $0.schoolName = "第\(n)中学"
                $0.staffed = true
            })
        }
    }

    static func context(_ purpose: Sharing_Purpose, _ basis: Sharing_LegalBasis, justification: String = "", consent: String = "")
        -> Sharing_ReadContext
    {
        .with {
            $0.purpose = purpose
            $0.legalBasis = basis
            $0.justification = justification
            $0.consentReference = consent
        }
    }
}

extension TestServer {
    /// The whole audit history of the person with `nationalID`, as health's auditor reads it
    /// for risk assessment under statutory duty.
    func auditedHistory(of nationalID: String) async throws -> [Audit_AuditRecord] {
        try await withClient(try person(.auditor, of: "health")) {
            try await Audit_AuditService.Client(wrapping: $0).subjectHistory(.with {
                $0.nationalID = nationalID
                $0.context = Fixtures.context(.riskAssessment, .statutoryDuty)
            }).entries
        }
    }
}
