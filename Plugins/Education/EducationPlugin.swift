import PluginAPI

/// The education department's plugin: student mental-health screening, records and
/// school counselling rooms (BRIEF.md, "Education"; seeds 000 §四(四), 003 §8).
public struct EducationPlugin: DepartmentPlugin {
    public init() {}

    public let manifest = PluginManifest(
        id: "education",
        version: "0.1.0",
        departmentCode: "education",
        displayName: "Education (教育)",
        recordTypes: [
            RecordTypeDeclaration(
                messageName: "coordination.education.v1.StudentScreeningReport",
                description: "Result of a student's mental-health screening (000 §四(四))."
            ),
            RecordTypeDeclaration(
                messageName: "coordination.education.v1.CounsellingRoom",
                description: "A school's counselling room, for the counselling-room indicator (004 附件3 (七))."
            ),
        ]
    )
}
