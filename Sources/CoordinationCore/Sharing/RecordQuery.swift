import Foundation

/// What to look for. Every filter is optional; results come in publication order.
public struct RecordQuery: Sendable, Hashable {
    public var recordType: String?
    public var subjectPseudonym: String?
    public var publisher: String?
    public var publishedAfter: Date?
    public var publishedBefore: Date?
    /// Only records after this sequence number (the paging cursor).
    public var afterSequence: Int64
    public var limit: Int

    public init(
        recordType: String? = nil, subjectPseudonym: String? = nil, publisher: String? = nil,
        publishedAfter: Date? = nil, publishedBefore: Date? = nil, afterSequence: Int64 = 0, limit: Int = 100
    ) {
        self.recordType = recordType
        self.subjectPseudonym = subjectPseudonym
        self.publisher = publisher
        self.publishedAfter = publishedAfter
        self.publishedBefore = publishedBefore
        self.afterSequence = afterSequence
        self.limit = limit
    }
}
