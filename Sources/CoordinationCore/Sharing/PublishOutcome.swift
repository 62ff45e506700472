/// What publishing one record did.
public struct PublishOutcome: Sendable, Hashable {
    public var recordID: String
    public var sequence: Int64
    /// The request id had been published before; nothing new was stored.
    public var duplicate: Bool

    public init(recordID: String, sequence: Int64, duplicate: Bool) {
        self.recordID = recordID
        self.sequence = sequence
        self.duplicate = duplicate
    }
}
