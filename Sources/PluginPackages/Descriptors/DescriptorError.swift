/// A descriptor set that cannot be indexed, or a record that does not match its described type,
/// with a message a person can act on, e.g. "field 3 (risk_grade) of
/// coordination.health.v1.FollowUpVisit: expected a varint, found a length-delimited value".
public struct DescriptorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, naming the message type and field concerned.
    public var description: String

    /// An error described by `description`.
    public init(_ description: String) {
        self.description = description
    }

    /// This error with the field it occurred in (or under) named in front.
    func inField(_ field: MessageLayout.Field, of messageName: String) -> DescriptorError {
        DescriptorError("field \(field.number) (\(field.name)) of \(messageName): \(description)")
    }
}
