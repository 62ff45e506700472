import Foundation
import PluginAPI

/// Turns what a plugin's routing rule returned into resolved alerts, referrals and tasks.
public enum RoutingRules {
    /// Resolves `actions`, fired by a record of `type` and risk level `riskLevel` that
    /// `publisher` published at `now` about `subjectPseudonym`, with the publishing plugin's referral defaults and the server's
    /// deadlines. The texts show only the record's fields that everyone they reach may read
    /// (``Disclosure/routed(_:of:publisher:riskLevel:to:)``): an alert's targets, a referral's receiver, a
    /// task's lead and cooperating departments. Malformed actions are the plugin's fault and are
    /// dropped (see ``AlertRules``, ``ReferralRules`` and ``TaskRules``).
    public static func resolve(
        _ actions: [RoutedAction], of type: RecordTypeDeclaration, publisher: String, riskLevel: Int? = nil,
        subjectPseudonym: String?, referralDefaults: [ReferralDefault],
        at now: Date, alertDeadlines: AlertDeadlines, referralDeadlines: ReferralDeadlines
    ) -> RoutedActions {
        var resolved = RoutedActions()
        for action in actions {
            switch action {
            case .alert(var request):
                request.summary = .init(stringLiteral: Disclosure.routed(
                    request.summary, of: type, publisher: publisher, riskLevel: riskLevel, to: request.targets))
                if let draft = AlertRules.draft(
                    request, subjectPseudonym: subjectPseudonym, raisedAt: now, deadlines: alertDeadlines)
                {
                    resolved.alerts.append(draft)
                }
            case .referral(var request):
                request.reason = .init(stringLiteral: Disclosure.routed(
                    request.reason, of: type, publisher: publisher, riskLevel: riskLevel, to: [request.toDepartment]))
                if let referral = ReferralRules.routed(
                    request, from: publisher, subjectPseudonym: subjectPseudonym, defaults: referralDefaults,
                    createdAt: now, deadlines: referralDeadlines)
                {
                    resolved.referrals.append(referral)
                }
            case .task(var request):
                let departments = [request.leadDepartment] + request.cooperatingDepartments
                request.title = .init(stringLiteral: Disclosure.routed(request.title, of: type, publisher: publisher, riskLevel: riskLevel, to: departments))
                request.detail = .init(stringLiteral: Disclosure.routed(request.detail, of: type, publisher: publisher, riskLevel: riskLevel, to: departments))
                if let task = TaskRules.routed(request, createdAt: now) { resolved.tasks.append(task) }
            }
        }
        return resolved
    }
}
