import Foundation
import PluginAPI

/// Turns what a plugin's routing rule returned into resolved alerts, referrals and tasks.
public enum RoutingRules {
    /// Resolves `actions`, fired by a record `publisher` published at `now` about
    /// `subjectPseudonym`, with the publishing plugin's referral defaults and the server's
    /// deadlines. Malformed actions are the plugin's fault and are dropped (see
    /// ``AlertRules``, ``ReferralRules`` and ``TaskRules``).
    public static func resolve(
        _ actions: [RoutedAction], publisher: String, subjectPseudonym: String?, referralDefaults: [ReferralDefault],
        at now: Date, alertDeadlines: AlertDeadlines, referralDeadlines: ReferralDeadlines
    ) -> RoutedActions {
        var resolved = RoutedActions()
        for action in actions {
            switch action {
            case .alert(let request):
                if let draft = AlertRules.draft(
                    request, subjectPseudonym: subjectPseudonym, raisedAt: now, deadlines: alertDeadlines)
                {
                    resolved.alerts.append(draft)
                }
            case .referral(let request):
                if let referral = ReferralRules.routed(
                    request, from: publisher, subjectPseudonym: subjectPseudonym, defaults: referralDefaults,
                    createdAt: now, deadlines: referralDeadlines)
                {
                    resolved.referrals.append(referral)
                }
            case .task(let request):
                if let task = TaskRules.routed(request, createdAt: now) { resolved.tasks.append(task) }
            }
        }
        return resolved
    }
}
