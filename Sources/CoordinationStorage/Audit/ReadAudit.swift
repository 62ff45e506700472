import CoordinationCore

/// The audit entry of one read, and, for a break-the-glass read, its log for review.
public struct ReadAudit: Sendable, Hashable {
    public var event: AuditEvent
    public var emergency: EmergencyAccess?

    public init(event: AuditEvent, emergency: EmergencyAccess? = nil) {
        self.event = event
        self.emergency = emergency
    }
}
