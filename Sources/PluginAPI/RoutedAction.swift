/// What a record type's routing rule fires when a record of that type is published: a crisis
/// alert, a service referral or a task.
///
/// The server carries every action out in the publishing transaction, only for a newly stored
/// record (a repeated request id fires nothing again), as the publishing department. Actions
/// naming an unregistered department skip that department (an alert, a task's cooperating
/// department) or are skipped whole (a referral's receiver, a task's lead); a malformed action
/// is the plugin's fault and is dropped without failing the publication.
///
/// ```swift
/// routing: { message in
///     guard let report = message as? Education_StudentScreeningReport, report.riskLevel >= 3 else { return [] }
///     return [
///         .alert(AlertRequest(severity: .high, kind: "self-harm-risk", targets: ["health"], summary: "…")),
///         .referral(ReferralRequest(toDepartment: "health", reason: "…", consent: .emergencyOverride(justification: "…"))),
///     ]
/// }
/// ```
public enum RoutedAction: Sendable, Hashable {
    /// A crisis alert (应急处置) the targeted departments must acknowledge.
    case alert(AlertRequest)
    /// A service referral (服务转介) of the record's subject, linking the record.
    case referral(ReferralRequest)
    /// A task with a lead and cooperating departments, sourced from the record.
    case task(TaskRequest)
}
