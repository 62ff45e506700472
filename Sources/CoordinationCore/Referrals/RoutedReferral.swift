import Foundation
import PluginAPI

/// A referral a record type's routing rule opens, resolved when the record is published (see
/// ``ReferralRules/routed(_:from:subjectPseudonym:defaults:createdAt:deadlines:)``). The record
/// it links is known once the record is stored.
public struct RoutedReferral: Sendable, Hashable {
    /// The referral with no linked record yet.
    public var draft: ReferralDraft
    public var urgency: ReferralUrgency
    /// The urgency came from the publishing plugin's default.
    public var defaulted: Bool
    /// When the record was published.
    public var createdAt: Date
    public var acceptBy: Date

    /// The referral to store, linking the record `recordID`.
    public func draft(linking recordID: UUID) -> ReferralDraft {
        var linked = draft
        linked.linkedRecordIDs = [recordID]
        return linked
    }
}
