import Foundation

/// A record as a department publishes it: already validated by its plugin, fields as JSON.
public struct NewRecord: Sendable, Hashable {
    public var requestID: String
    public var recordType: String
    public var jurisdictionCode: String
    public var subjectPseudonym: String?
    public var riskLevel: Int?
    public var fieldsJSON: String
    /// The alerts, referrals and tasks the record type's routing rule fires; stored in the
    /// publishing transaction, only if the record is new (a repeated request id fires nothing again).
    public var routed: RoutedActions

    public init(
        requestID: String, recordType: String, jurisdictionCode: String, subjectPseudonym: String?, riskLevel: Int?,
        fieldsJSON: String, routed: RoutedActions = RoutedActions()
    ) {
        self.requestID = requestID
        self.recordType = recordType
        self.jurisdictionCode = jurisdictionCode
        self.subjectPseudonym = subjectPseudonym
        self.riskLevel = riskLevel
        self.fieldsJSON = fieldsJSON
        self.routed = routed
    }
}
