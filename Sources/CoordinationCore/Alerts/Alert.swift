import Foundation
import PluginAPI

/// A crisis alert (应急处置) and where each targeted department stands with it.
public struct Alert: Sendable, Hashable {
    /// One department that must acknowledge the alert.
    public struct Target: Sendable, Hashable {
        public var departmentCode: String
        public var acknowledgedAt: Date?
        /// The certificate name of whoever acknowledged.
        public var acknowledgedBy: String?
        public var acknowledgementNote: String?
        /// 0, 1 (re-notified) or 2 (escalated to the coordinators).
        public var escalationLevel: Int
        /// How many times the alert was delivered to the department's watchers.
        public var deliveries: Int
        public var lastDeliveredAt: Date?

        public init(
            departmentCode: String, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil,
            acknowledgementNote: String? = nil, escalationLevel: Int = 0, deliveries: Int = 0, lastDeliveredAt: Date? = nil
        ) {
            self.departmentCode = departmentCode
            self.acknowledgedAt = acknowledgedAt
            self.acknowledgedBy = acknowledgedBy
            self.acknowledgementNote = acknowledgementNote
            self.escalationLevel = escalationLevel
            self.deliveries = deliveries
            self.lastDeliveredAt = lastDeliveredAt
        }

        public var isAcknowledged: Bool { acknowledgedAt != nil }
    }

    /// How the alert came about.
    public enum Origin: Sendable, Hashable {
        /// A department system or a coordinator raised it.
        case raised
        /// A plugin's routing rule raised it when the record was published.
        case rule(recordType: String, recordID: UUID)
    }

    public var id: UUID
    public var severity: AlertSeverity
    public var kind: AlertKind
    /// The person's keyed pseudonym; `nil` when there is none or it is withheld from the viewer.
    public var subjectPseudonym: String?
    /// Whether the alert concerns a person (shown even when the pseudonym is withheld).
    public var hasPerson: Bool
    /// `nil` when withheld from the viewer.
    public var summary: String?
    public var raisedBy: String
    public var raisedByDepartment: String
    public var origin: Origin
    public var raisedAt: Date
    public var acknowledgeBy: Date
    public var targets: [Target]

    public init(
        id: UUID, severity: AlertSeverity, kind: AlertKind, subjectPseudonym: String?, hasPerson: Bool, summary: String?,
        raisedBy: String, raisedByDepartment: String, origin: Origin, raisedAt: Date, acknowledgeBy: Date, targets: [Target]
    ) {
        self.id = id
        self.severity = severity
        self.kind = kind
        self.subjectPseudonym = subjectPseudonym
        self.hasPerson = hasPerson
        self.summary = summary
        self.raisedBy = raisedBy
        self.raisedByDepartment = raisedByDepartment
        self.origin = origin
        self.raisedAt = raisedAt
        self.acknowledgeBy = acknowledgeBy
        self.targets = targets
    }

    /// Whether some targeted department has not acknowledged yet.
    public var isOpen: Bool { targets.contains { !$0.isAcknowledged } }

    /// The target entry of `department`, if the alert is addressed to it.
    public func target(_ department: String) -> Target? {
        targets.first { $0.departmentCode == department }
    }
}

extension Alert.Target {
    /// How long the department took to acknowledge, from the moment the alert was raised.
    public func timeToAcknowledge(raisedAt: Date) -> TimeInterval? {
        acknowledgedAt.map { $0.timeIntervalSince(raisedAt) }
    }
}
