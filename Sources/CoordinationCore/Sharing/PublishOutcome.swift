/// What publishing one record did.
public struct PublishOutcome: Sendable, Hashable {
    public var recordID: String
    public var sequence: Int64
    /// The request id had been published before; nothing new was stored.
    public var duplicate: Bool
    /// What the publisher's routing rules opened with it (nothing for a duplicate).
    public var opened: [RoutingOpened]

    public init(recordID: String, sequence: Int64, duplicate: Bool, opened: [RoutingOpened] = []) {
        self.recordID = recordID
        self.sequence = sequence
        self.duplicate = duplicate
        self.opened = opened
    }
}
