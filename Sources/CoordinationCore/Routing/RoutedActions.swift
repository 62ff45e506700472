/// What a record's routing rule fired, resolved when the record is published and carried out
/// in its publishing transaction, only if the record is new.
public struct RoutedActions: Sendable, Hashable {
    public var alerts: [AlertDraft]
    public var referrals: [RoutedReferral]
    public var tasks: [RoutedTask]

    public init(alerts: [AlertDraft] = [], referrals: [RoutedReferral] = [], tasks: [RoutedTask] = []) {
        self.alerts = alerts
        self.referrals = referrals
        self.tasks = tasks
    }

    /// Nothing to do.
    public var isEmpty: Bool { alerts.isEmpty && referrals.isEmpty && tasks.isEmpty }
}
