import Foundation
import PluginAPI

/// Validation of alerts and the default targets of the well-known kinds ("targets by rule").
public enum AlertRules {
    /// The longest summary, in characters.
    public static let maximumSummaryLength = 2000
    /// The most departments one alert may target.
    public static let maximumTargets = 30

    /// Who must acknowledge an alert of `kind` when the raiser names no department: the
    /// departments whose duty the kind falls under (BRIEF.md, "What each first-wave department
    /// does" and "Severe mental disorders"). `nil`: the kind has no default, targets are required.
    public static func defaultTargets(for kind: AlertKind) -> [String]? {
        switch kind {
        case .selfHarmRisk: ["health"]
        case .violenceRisk: ["public-security", "political-legal"]
        case .missingPerson: ["public-security", "civil-affairs"]
        case .disorderRelapse: ["health", "public-security"]
        default: nil
        }
    }

    /// Checks an alert a caller raises and resolves its targets and deadline; every violation
    /// names its proto field (`severity`, `kind`, `summary`, `target_departments[i]`).
    public static func draft(
        severity: AlertSeverity?, kind: AlertKind, summary: String, targets requested: [String],
        subjectPseudonym: String?, raisedAt: Date, deadlines: AlertDeadlines
    ) throws(CoordinationError) -> AlertDraft {
        var violations: [CoordinationError.Violation] = []
        if severity == nil {
            violations.append(.init(field: "severity", description: "is required: critical, high or moderate"))
        }
        if !kind.isValid {
            violations.append(.init(
                field: "kind", description: "must be a code of lower-case letters, digits and hyphens, e.g. self-harm-risk"))
        }
        let trimmed = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            violations.append(.init(field: "summary", description: "is required: say what the receiving departments need to know"))
        } else if trimmed.count > maximumSummaryLength {
            violations.append(.init(field: "summary", description: "must be at most \(maximumSummaryLength) characters"))
        }
        var targets: [String] = []
        for (index, code) in requested.enumerated() {
            if !DirectoryRules.isValidDepartmentCode(code) {
                violations.append(.init(field: "target_departments[\(index)]", description: "'\(code)' is not a department code"))
            } else if targets.contains(code) {
                violations.append(.init(field: "target_departments[\(index)]", description: "'\(code)' is named twice"))
            } else {
                targets.append(code)
            }
        }
        if requested.count > maximumTargets {
            violations.append(.init(field: "target_departments", description: "at most \(maximumTargets) departments"))
        }
        if requested.isEmpty && kind.isValid {
            if let defaults = defaultTargets(for: kind) {
                targets = defaults
            } else {
                violations.append(.init(
                    field: "target_departments", description: "is required: '\(kind)' has no default departments"))
            }
        }
        guard violations.isEmpty, let severity else { throw .invalidArguments(violations) }
        return AlertDraft(
            severity: severity, kind: kind, subjectPseudonym: subjectPseudonym, summary: trimmed, targets: targets,
            raisedAt: raisedAt, acknowledgeBy: deadlines.deadline(for: severity, raisedAt: raisedAt))
    }

    /// The alert a plugin's routing rule asked for, resolved. A malformed request (bad kind,
    /// no targets, empty summary) is a fault of the plugin and is dropped: `nil`.
    public static func draft(
        _ request: AlertRequest, subjectPseudonym: String?, raisedAt: Date, deadlines: AlertDeadlines
    ) -> AlertDraft? {
        try? draft(
            severity: request.severity, kind: AlertKind(rawValue: request.kind),
            summary: String(request.summary.description.prefix(maximumSummaryLength)), targets: request.targets,
            subjectPseudonym: subjectPseudonym, raisedAt: raisedAt, deadlines: deadlines)
    }
}
