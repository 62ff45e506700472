import CoordinationAPI
import CoordinationCore
import Foundation
import EducationPlugin
import SwiftProtobuf

/// The records the benchmark publishes: education screening reports, which health may read for
/// risk assessment and the trade unions may not read at all.
enum BenchRecords {
    static let type = "coordination.education.v1.StudentScreeningReport"
    static let jurisdiction = "demo-county.chengguan.dongmen"
    /// Prefixes this run's request ids, so that a run against a kept `--data-dir` publishes anew.
    static let run = String(UUID().uuidString.prefix(8))

    /// A screening report; `name` lets a subscriber tell which call sent it.
    static func publish(_ requestID: String, n: Int, name: String = "bench") throws -> Sharing_PublishRequest {
        try .with {
            $0.requestID = "\(run)-\(requestID)"
            $0.jurisdictionCode = jurisdiction
            $0.record = try Google_Protobuf_Any(message: Education_StudentScreeningReport.with {
                $0.nationalID = NationalID.withCheckCharacter("11010520070101" + String(format: "%03d", n % 1000))
                $0.studentName = name
                $0.schoolCode = "school-1"
                $0.screenedAt = Google_Protobuf_Timestamp(date: Date())
                $0.riskLevel = 1
            })
        }
    }

    /// A read context: risk assessment under statutory duty.
    static let context = Sharing_ReadContext.with {
        $0.purpose = .riskAssessment
        $0.legalBasis = .statutoryDuty
    }
}
