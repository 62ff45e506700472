import Foundation
import PluginAPI
import SwiftProtobuf

/// The public-security department's plugin: risk assessments of severe-mental-disorder
/// patients, joint follow-up visits (联合随访) and special populations (特殊人群)
/// (BRIEF.md, "What each first-wave department does" — public security, and "Severe mental
/// disorders: a cross-department case"; seeds 000 §四(四), 003 §10–11, 004 §二, 004 附件3 (十四)).
///
/// Its privacy rules: the township partners (health, civil affairs, political-legal) see who a
/// patient is and the danger level, never police medical notes; criminal records are seen by
/// no other department at all (BRIEF.md, "Privacy is a stated duty").
public struct PublicSecurityPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "public-security",
        version: "0.1.0",
        departmentCode: "public-security",
        displayName: "Public security (公安)",
        recordTypes: [PublicSecurityPlugin.riskAssessment, PublicSecurityPlugin.followUpVisit, PublicSecurityPlugin.specialPopulation],
        routingRules: PublicSecurityPlugin.routingRules,
        migrations: PublicSecurityPlugin.migrations
    )

    /// The township group for severe mental disorders that shares information and visits
    /// jointly with the police (000 §四(四), 004 附件3 (十四)).
    static let partners = ["health", "civil-affairs", "political-legal"]

    /// The lowest danger level that calls for police involvement and raises the alert.
    static let alertLevel: Int32 = 3

    /// A patient's danger level (0–5). The partners follow risk up under their statutory duty
    /// and see who the patient is and the level; the officer's medical notes stay with the
    /// police ("police see identity and risk level, never diagnosis detail" — issue 6 §7).
    static let riskAssessment = RecordTypeDeclaration(
        messageType: PublicSecurity_RiskAssessment.self,
        description: "Danger level (0–5) of a severe-mental-disorder patient"
            + " (Sichuan guidance 《四川省社会心理服务工作指导意见》 §四(四);"
            + " Zichuan plan 《淄川区社会心理服务体系建设试点工作实施方案》 附件3(十四)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("patient_name", .identity),
            FieldDeclaration("risk_level", .general),
            FieldDeclaration("assessed_at", .general),
            FieldDeclaration("assessing_officer", .general),
            FieldDeclaration("diagnosis_detail", .health, publisherOnly: true),
        ],
        views: [
            ViewGrant(
                viewers: PublicSecurityPlugin.partners, purposes: [.followUp, .riskAssessment],
                legalBases: [.statutoryDuty], sensitivities: [.identity, .general]),
        ],
        subjectField: "national_id",
        riskLevelField: "risk_level",
        validate: { message in
            guard let assessment = message as? PublicSecurity_RiskAssessment else { return [] }
            var violations = requirePerson(assessment.nationalID)
            if !(0...5).contains(assessment.riskLevel) {
                violations.append(FieldViolation(field: "risk_level", description: "must be 0 (no danger) to 5 (violent acts)"))
            }
            if !assessment.hasAssessedAt {
                violations.append(FieldViolation(field: "assessed_at", description: "is required"))
            }
            if assessment.assessingOfficer.isEmpty {
                violations.append(FieldViolation(field: "assessing_officer", description: "is required"))
            }
            return violations
        },
        routing: PublicSecurityPlugin.riskRouting
    )

    /// Days the township group has for the joint follow-up visit a routing rule opens: two weeks,
    /// as the national management standard for severe mental disorders asks for an unstable
    /// patient (danger level 3–5). That standard is outside the seeds; BRIEF.md ("Severe mental
    /// disorders") takes its 0–5 scale from it.
    static let followUpDays = 14

    /// The risk assessment's routing rule. A patient assessed at danger level 3 or higher
    /// ("level 3 and above calls for police involvement", BRIEF.md, "Severe mental disorders")
    /// fires:
    /// - a `violence-risk` alert to health and political-legal — high at levels 3–4, critical at
    ///   level 5. The kind is `violence-risk`, not `disorder-relapse`, because the 0–5 scale
    ///   grades the danger of incidents, not the course of the illness;
    /// - a joint follow-up task (联合随访) led by public security with the township partners —
    ///   health, civil affairs, political-legal — cooperating, due in ``followUpDays`` days,
    ///   urgent at level 5 and high otherwise: "information exchange and joint follow-up" among
    ///   the township group (BRIEF.md, "Public security" and "Severe mental disorders"; seeds
    ///   000 §四(四), 004 附件3 (十四)), and the risk assessment and graded management of every
    ///   registered patient, owned by health, political-legal and the police together (seed 002
    ///   §二 3). The task's source is the assessment, which the partners read under their
    ///   statutory duty for follow-up.
    ///
    /// The alert's summary and the task's title and detail give the level and the date, never
    /// the patient.
    @Sendable static func riskRouting(_ message: any SwiftProtobuf.Message) -> [RoutedAction] {
        guard let assessment = message as? PublicSecurity_RiskAssessment, assessment.riskLevel >= alertLevel else { return [] }
        let level: RoutedText = "\(field: "risk_level", assessment.riskLevel)"
        let assessed: RoutedText = "danger level \(level) of 5 by public security"
            + " on \(field: "assessed_at", assessment.assessedAt.date.formatted(.iso8601.year().month().day()))"
        return [
            .alert(AlertRequest(
                severity: assessment.riskLevel >= 5 ? .critical : .high, kind: "violence-risk",
                targets: ["health", "political-legal"],
                summary: "Severe-mental-disorder patient assessed at \(assessed)"
                    + "; a joint follow-up visit with the township group is opened as a task.")),
            .task(TaskRequest(
                title: "Joint follow-up visit (联合随访): patient at danger level \(level)",
                detail: "A severe-mental-disorder patient was assessed at \(assessed). Visit the patient jointly with"
                    + " the township group within \(rule: followUpDays) days and record the visit as a JointFollowUpVisit;"
                    + " the source record says whom (partners: follow-up purpose, statutory duty).",
                leadDepartment: "public-security", cooperatingDepartments: partners, dueInDays: followUpDays,
                priority: assessment.riskLevel >= 5 ? .urgent : .high)),
        ]
    }

    /// Joint follow-up visits. The partners see who was visited, when, with whom and when
    /// next; only health, which treats the patient, sees what the visit found
    /// (000 §四(四), 004 附件3 (十四): information exchange and joint follow-up).
    static let followUpVisit = RecordTypeDeclaration(
        messageType: PublicSecurity_JointFollowUpVisit.self,
        description: "A joint follow-up visit (联合随访) to a severe-mental-disorder patient"
            + " (Zichuan plan 《淄川区社会心理服务体系建设试点工作实施方案》 附件3(十四)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("visit_date", .general),
            FieldDeclaration("participating_departments", .general),
            FieldDeclaration("outcome", .health),
            FieldDeclaration("next_visit", .general),
        ],
        views: [
            ViewGrant(
                viewers: PublicSecurityPlugin.partners, purposes: [.followUp, .riskAssessment],
                legalBases: [.statutoryDuty], sensitivities: [.identity, .general]),
            ViewGrant(viewers: ["health"], purposes: [.followUp], legalBases: [.statutoryDuty], sensitivities: [.health]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let visit = message as? PublicSecurity_JointFollowUpVisit else { return [] }
            var violations = requirePerson(visit.nationalID)
            if !visit.hasVisitDate {
                violations.append(FieldViolation(field: "visit_date", description: "is required"))
            }
            if visit.participatingDepartments.isEmpty {
                violations.append(FieldViolation(
                    field: "participating_departments", description: "name at least one partner department, e.g. health"))
            }
            for (index, code) in visit.participatingDepartments.enumerated() where !isDepartmentCode(code) {
                violations.append(FieldViolation(
                    field: "participating_departments[\(index)]", description: "'\(code)' is not a department code"))
            }
            if visit.hasNextVisit && visit.hasVisitDate && visit.nextVisit.date <= visit.visitDate.date {
                violations.append(FieldViolation(field: "next_visit", description: "must be after visit_date"))
            }
            return violations
        }
    )

    /// Special populations. Political-legal, which leads the township group, sees who belongs
    /// to which population for risk assessment and follow-up; the criminal record is never
    /// granted and is publisher-only besides: "no other department ever sees criminal records"
    /// (issue 6 §7; BRIEF.md, "Privacy is a stated duty"; 003 §10–11).
    static let specialPopulation = RecordTypeDeclaration(
        messageType: PublicSecurity_SpecialPopulationEntry.self,
        description: "A person in a special population (特殊人群)"
            + " (2016 national guidance 《关于加强心理健康服务的指导意见》 §四(十)–(十一)).",
        fields: [
            FieldDeclaration("national_id", .identity),
            FieldDeclaration("name", .identity),
            FieldDeclaration("category", .general),
            FieldDeclaration("registered_at", .general),
            FieldDeclaration("criminal_record", .criminal, publisherOnly: true),
        ],
        views: [
            ViewGrant(
                viewers: ["political-legal"], purposes: [.followUp, .riskAssessment],
                legalBases: [.statutoryDuty], sensitivities: [.identity, .general]),
        ],
        subjectField: "national_id",
        validate: { message in
            guard let entry = message as? PublicSecurity_SpecialPopulationEntry else { return [] }
            var violations = requirePerson(entry.nationalID)
            if entry.name.isEmpty {
                violations.append(FieldViolation(field: "name", description: "is required"))
            }
            if entry.category == .unspecified {
                violations.append(FieldViolation(field: "category", description: "is required"))
            } else if case .UNRECOGNIZED(let value) = entry.category {
                violations.append(FieldViolation(field: "category", description: "\(value) is not a special population"))
            }
            if !entry.hasRegisteredAt {
                violations.append(FieldViolation(field: "registered_at", description: "is required"))
            }
            return violations
        }
    )

    /// The national ID every person record needs (its format is checked by the server).
    static func requirePerson(_ nationalID: String) -> [FieldViolation] {
        nationalID.isEmpty ? [FieldViolation(field: "national_id", description: "is required")] : []
    }

    /// Whether `code` looks like a department code: lower-case letters, digits and hyphens.
    static func isDepartmentCode(_ code: String) -> Bool {
        !code.isEmpty && code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
