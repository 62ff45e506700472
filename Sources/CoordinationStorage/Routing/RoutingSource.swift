import Foundation
import CoordinationCore

/// The record whose publication fired a routing rule: the source of the alerts, referrals and
/// tasks the rule opens, stored with each of them.
public struct RoutingSource: Sendable, Hashable {
    /// The fully-qualified message name of the record's type.
    public var recordType: String
    public var recordID: UUID

    public init(recordType: String, recordID: UUID) {
        self.recordType = recordType
        self.recordID = recordID
    }

    /// `by the routing rule of <type>, record <id>`, for history and audit entries.
    var origin: Localized { "by the routing rule of \(recordType), record \(recordID.uuidString.lowercased())" }
}
