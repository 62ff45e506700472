/// How urgent a crisis alert (应急处置) is; it sets how soon every targeted department must
/// acknowledge it (configurable per severity).
public enum AlertSeverity: String, Sendable, CaseIterable, Codable, Hashable {
    /// Life in immediate danger (default: acknowledge within 15 minutes).
    case critical
    /// Serious risk needing action today (default: within 60 minutes).
    case high
    /// A concern to act on soon (default: within 4 hours).
    case moderate
}

/// An alert a plugin's routing rule asks the server to raise when a record is published.
///
/// The server raises it in the publishing transaction, only for a newly stored record, with the
/// record's subject (pseudonymised) as the alert's person and the publisher as its raiser.
public struct AlertRequest: Sendable, Hashable {
    public var severity: AlertSeverity
    /// A lower-case code such as `self-harm-risk`, `violence-risk`, `missing-person`, `disorder-relapse`.
    public var kind: String
    /// The departments that must acknowledge, by code (unregistered codes are skipped).
    public var targets: [String]
    /// What the receiving departments need to know. Shown only to the targeted departments and
    /// the raiser, never put into notices; keep personal data out of it where possible. Each
    /// cited field is shown only if every targeted department may read it.
    public var summary: RoutedText

    public init(severity: AlertSeverity, kind: String, targets: [String], summary: RoutedText) {
        self.severity = severity
        self.kind = kind
        self.targets = targets
        self.summary = summary
    }
}
