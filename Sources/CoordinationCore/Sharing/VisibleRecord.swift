import Foundation

/// A record as one viewer may see it: only the granted fields, and the withheld ones named.
public struct VisibleRecord: Sendable, Hashable {
    public var id: String
    public var sequence: Int64
    public var recordType: String
    public var publisher: String
    public var jurisdictionCode: String
    /// Present only when the viewer sees identity data.
    public var subjectPseudonym: String?
    public var publishedAt: Date
    public var fieldsJSON: String
    /// The fields `fieldsJSON` holds, sorted: what the read discloses.
    public var disclosedFields: [String]
    public var withheld: [Disclosure.Withheld]

    public init(
        id: String, sequence: Int64, recordType: String, publisher: String, jurisdictionCode: String,
        subjectPseudonym: String?, publishedAt: Date, fieldsJSON: String, disclosedFields: [String],
        withheld: [Disclosure.Withheld]
    ) {
        self.id = id
        self.sequence = sequence
        self.recordType = recordType
        self.publisher = publisher
        self.jurisdictionCode = jurisdictionCode
        self.subjectPseudonym = subjectPseudonym
        self.publishedAt = publishedAt
        self.fieldsJSON = fieldsJSON
        self.disclosedFields = disclosedFields
        self.withheld = withheld
    }
}
