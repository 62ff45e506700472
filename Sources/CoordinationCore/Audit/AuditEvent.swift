import Foundation

/// One audited action: who did what to which records, which fields were disclosed, why and
/// on what ground. Appended in the same transaction as the action itself.
public struct AuditEvent: Sendable, Codable, Hashable {
    /// When, as ISO 8601 with milliseconds (UTC).
    public var at: String
    public var callerName: String
    public var callerDepartment: String
    /// `system`, or the person's role.
    public var callerRole: String
    public var certificateSerial: String
    /// What was done, e.g. `record.publish`, `record.read`.
    public var action: String
    public var recordIDs: [String]
    /// Fields disclosed to the caller, as `record-type#field` (reads only).
    public var fieldsDisclosed: [String]
    public var purpose: String?
    public var legalBasis: String?
    /// Pseudonyms of the persons concerned.
    public var subjects: [String]
    /// Free text: a consent reference, an emergency justification.
    public var detail: String?
    /// The record types concerned (record publications and reads); absent in entries that
    /// concern no records, and in entries written before the field existed.
    public var recordTypes: [String]?

    public init(
        caller: Caller, action: String, recordIDs: [String] = [], fieldsDisclosed: [String] = [],
        purpose: String? = nil, legalBasis: String? = nil, subjects: [String] = [], detail: String? = nil,
        recordTypes: [String]? = nil, at date: Date = Date()
    ) {
        self.at = AuditEvent.timestamp(date)
        self.callerName = caller.name
        self.callerDepartment = caller.departmentCode
        self.callerRole = caller.role?.rawValue ?? "system"
        self.certificateSerial = caller.certificateSerial
        self.action = action
        self.recordIDs = recordIDs
        self.fieldsDisclosed = fieldsDisclosed
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.subjects = subjects
        self.detail = detail
        self.recordTypes = recordTypes
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(timestampStyle)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
