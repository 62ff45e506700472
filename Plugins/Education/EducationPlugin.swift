import PluginAPI
import SwiftProtobuf

/// The education department's plugin: student mental-health screening and school counselling
/// rooms (BRIEF.md, "Education"; seeds 000 §四(四), 003 §8).
public struct EducationPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "education",
        version: "0.2.0",
        departmentCode: "education",
        displayName: "Education (教育)",
        recordTypes: [EducationPlugin.screeningReport, EducationPlugin.counsellingRoom],
        referralDefaults: [EducationPlugin.greenChannel],
        routingRules: EducationPlugin.routingRules,
        indicators: EducationPlugin.indicators,
        migrations: EducationPlugin.migrations
    )

    /// The referral "green channel" (绿色通道) for students with psychological problems: a
    /// student referred by education to health is an emergency referral unless the referrer
    /// states another urgency (seed 000 §四(四); 003 §8; BRIEF.md, "Education").
    static let greenChannel = ReferralDefault(toDepartment: "health", urgency: .emergency)

    /// Screening reports. Other departments never see the answers; health and public
    /// security see what their duty needs (000 §四(四): the referral "green channel" to
    /// health; crisis intervention with the police).
    static let screeningReport = RecordTypeDeclaration(
        messageType: Education_StudentScreeningReport.self,
        description: "Result of a student's mental-health screening"
            + " (Sichuan guidance 《四川省社会心理服务工作指导意见》 §四(四)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("student_name", .identity),
            FieldDeclaration("school_code", .general),
            FieldDeclaration("grade", .general),
            FieldDeclaration("screened_at", .general),
            FieldDeclaration("instrument", .general),
            FieldDeclaration("risk_level", .general),
            FieldDeclaration("answers", .health, publisherOnly: true),
            FieldDeclaration("crisis_summary", .health),
            FieldDeclaration("guardian_phone", .contact),
        ],
        views: [
            // Health receives referred students whole, answers excepted (the green channel).
            ViewGrant(
                viewers: ["health"], purposes: [.referral, .caseManagement, .emergencyResponse],
                legalBases: [.activeReferral, .emergency], sensitivities: [.identity, .contact, .general, .health]),
            // Health follows up risk across the county under its statutory duty, without details.
            ViewGrant(
                viewers: ["health"], purposes: [.riskAssessment, .followUp],
                legalBases: [.statutoryDuty], sensitivities: [.identity, .general]),
            // Anyone handling a claimed emergency sees who and how to reach the guardian.
            ViewGrant(
                viewers: ["*"], purposes: [.emergencyResponse], legalBases: [.emergency],
                sensitivities: [.identity, .contact, .general]),
        ],
        subjectField: "national_id",
        riskLevelField: "risk_level",
        validate: { message in
            guard let report = message as? Education_StudentScreeningReport else { return [] }
            var violations: [FieldViolation] = []
            if report.nationalID.isEmpty {
                violations.append(FieldViolation(field: "national_id", description: "is required"))
            }
            if report.schoolCode.isEmpty {
                violations.append(FieldViolation(field: "school_code", description: "is required"))
            }
            if !(0...3).contains(report.riskLevel) {
                violations.append(FieldViolation(field: "risk_level", description: "must be 0 (normal) to 3 (crisis)"))
            }
            if report.riskLevel == 3 && report.crisisSummary.isEmpty {
                violations.append(FieldViolation(field: "crisis_summary", description: "is required when risk_level is 3 (crisis)"))
            }
            if !report.hasScreenedAt {
                violations.append(FieldViolation(field: "screened_at", description: "is required"))
            }
            return violations
        },
        routing: EducationPlugin.screeningRouting
    )

    /// The screening report's routing rule. A student screened at risk level 3 (crisis) fires:
    /// - a `self-harm-risk` alert of high severity to health, which must acknowledge it — the
    ///   crisis intervention (BRIEF.md, "Education"; seed 003 §8: suicide prevention and
    ///   psychological crisis intervention for students);
    /// - the referral "green channel" (绿色通道) to health — seed 000 §四(四): "为心理问题学生开辟
    ///   转诊转介绿色通道" (BRIEF.md, "Education": "a referral green channel for students with
    ///   psychological problems"). The referral links the screening report, so health reads the
    ///   crisis details under the open referral (the report's view for the active-referral
    ///   basis, answers excepted). Its urgency is the green channel's default, emergency; the
    ///   student's consent is overridden as an emergency, because crisis intervention cannot
    ///   wait for it (003 §8), and the override is audited with the referral.
    ///
    /// The alert's summary and the referral's reason name the school, grade and instrument,
    /// never the student; health, which receives both, may read those fields of the report.
    @Sendable static func screeningRouting(_ message: any SwiftProtobuf.Message) -> [RoutedAction] {
        guard let report = message as? Education_StudentScreeningReport, report.riskLevel >= 3 else { return [] }
        let risk: RoutedText = "risk \(field: "risk_level", report.riskLevel)"
        var screening: RoutedText = "school \(field: "school_code", report.schoolCode)"
        if !report.grade.isEmpty { screening = "\(screening), grade \(field: "grade", report.grade)" }
        if !report.instrument.isEmpty { screening = "\(screening), instrument \(field: "instrument", report.instrument)" }
        return [
            .alert(AlertRequest(
                severity: .high, kind: "self-harm-risk", targets: ["health"],
                summary: "Student screening at crisis level (\(risk)): \(screening)"
                    + "; the screening report is shared with health through the green channel.")),
            .referral(ReferralRequest(
                toDepartment: greenChannel.toDepartment,
                reason: "Crisis-level mental-health screening (\(risk)): \(screening)"
                    + "; green-channel referral for crisis assessment and treatment.",
                consent: .emergencyOverride(
                    justification: "Student screened at crisis level (risk \(report.riskLevel)): crisis intervention through"
                        + " the green channel cannot wait for consent"
                        + " (Sichuan guidance 《四川省社会心理服务工作指导意见》 §四(四);"
                        + " 2016 national guidance 《关于加强心理健康服务的指导意见》 §四(八))"))),
        ]
    }

    /// Counselling rooms: no personal data, open to every department's duties.
    static let counsellingRoom = RecordTypeDeclaration(
        messageType: Education_CounsellingRoom.self,
        description: "A school's counselling room, for the counselling-room indicator"
            + " (Zichuan plan 《淄川区社会心理服务体系建设试点工作实施方案》 附件3(七)).",
        fields: [
            FieldDeclaration("school_code", .general),
            FieldDeclaration("school_name", .general),
            FieldDeclaration("staffed", .general),
        ],
        views: [
            ViewGrant(
                viewers: ["*"], purposes: Set(Purpose.allCases), legalBases: [.statutoryDuty],
                sensitivities: [.general]),
        ],
        validate: { message in
            guard let room = message as? Education_CounsellingRoom else { return [] }
            return room.schoolCode.isEmpty ? [FieldViolation(field: "school_code", description: "is required")] : []
        }
    )
}
