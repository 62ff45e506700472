import Foundation

/// What a referral named in a read context lets its reader see, as the store found it: which
/// department it is to, whether it is open, and which records it links. ``Disclosure``
/// decides with it; the database checks the same again (row-level security).
public struct ReferralAccess: Sendable, Hashable {
    public var id: UUID
    public var toDepartment: String
    public var status: ReferralStatus
    /// Record ids as the API spells them (lower-case UUIDs).
    public var linkedRecordIDs: Set<String>

    public init(id: UUID, toDepartment: String, status: ReferralStatus, linkedRecordIDs: Set<String>) {
        self.id = id
        self.toDepartment = toDepartment
        self.status = status
        self.linkedRecordIDs = linkedRecordIDs
    }
}
